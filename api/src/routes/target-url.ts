/**
 * The SSRF check for a URL a customer gives us to post to (webhook endpoints; Slack incoming webhooks
 * of teams and reps), as a 422 that names the field. Delivery checks again at send time.
 */
import type { AppContext } from '../context';
import { checkTargetUrl } from '../domain/ssrf';
import { ApiError } from '../errors';

/** Answers the URL normalised by the URL parser, or throws 422 with `path`. */
export function requireTargetUrl(c: AppContext, url: string, path = 'url'): string {
  const check = checkTargetUrl(url, { allowPrivate: c.var.deps.allowPrivateWebhookTargets === true });
  if (!check.ok)
    throw new ApiError('validation_failed', `${path}: ${check.reason}`, { errors: [{ path, message: check.reason }] });
  return check.url.toString();
}

/** The body with its Slack URL through the same check (422 at `slackWebhookUrl`), normalised (teams and reps). */
export function withCheckedSlackUrl<T extends { slackWebhookUrl?: string | null }>(c: AppContext, body: T): T {
  return body.slackWebhookUrl
    ? { ...body, slackWebhookUrl: requireTargetUrl(c, body.slackWebhookUrl, 'slackWebhookUrl') }
    : body;
}
