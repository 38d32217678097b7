/**
 * One outgoing POST to a customer-chosen URL, with the SSRF guard applied at send time (the URL was
 * checked when saved, but DNS answers change): the URL again, then, where the runtime gives us the
 * connection's DNS lookup (Node, `targetFetch`), every address the connection may use. Redirects are
 * never followed: a 3xx is an answer like any other non-2xx, since following one would let a public
 * URL hand us a private one.
 */
import { ATTEMPT_TIMEOUT_MS } from '../domain/delivery-policy';
import type { MailProviderConfig } from '../domain/mail-provider';
import { checkTargetUrl } from '../domain/ssrf';

/** What the senders need from the app's dependencies (AppDeps has these fields). */
export interface DeliveryOptions {
  /** Allows http: and private addresses (tests' receiver on 127.0.0.1, local development). */
  allowPrivateWebhookTargets?: boolean;
  /**
   * A fetch that refuses private addresses in the lookup its connection uses (Node: local/pinned-fetch.ts).
   * Absent on workerd, which resolves names itself and exposes no lookup: there the URL check applies.
   */
  targetFetch?(
    url: URL,
    init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
  ): Promise<Response>;
  /** Per attempt; default ATTEMPT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** The email provider; absent means email is caught locally (printed, and kept for the local mailbox). */
  mail?: MailProviderConfig;
}

export interface OutgoingPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface PostResult {
  /** The response status, or null when there was none. */
  statusCode: number | null;
  /** Why it failed: a refused target, a network error, a timeout, or the start of a non-2xx body. */
  error: string | null;
}

const USER_AGENT = 'Inlet-Webhooks/1.0';
const SNIPPET_BYTES = 300;

/**
 * `target` says who chose the URL: a customer (webhooks, Slack: the SSRF guard applies) or the
 * operator (the email provider's API from the environment, which may well be a relay on a private
 * network: sent as configured).
 */
export async function guardedPost(
  post: OutgoingPost,
  opts: DeliveryOptions,
  target: 'customer' | 'operator' = 'customer',
): Promise<PostResult> {
  const allowPrivate = opts.allowPrivateWebhookTargets === true || target === 'operator';
  const check = checkTargetUrl(post.url, { allowPrivate });
  if (!check.ok) return { statusCode: null, error: `refused: the URL ${check.reason}` };
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...post.headers },
    body: post.body,
    signal: AbortSignal.timeout(timeoutMs),
  };
  try {
    const res =
      !allowPrivate && opts.targetFetch
        ? await opts.targetFetch(check.url, init)
        : await fetch(check.url, { ...init, redirect: 'manual' });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel().catch(() => {});
      return { statusCode: res.status, error: null };
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    const detail = location ? `redirect to ${location} (not followed)` : await snippet(res);
    return { statusCode: res.status, error: `HTTP ${res.status}${detail ? `: ${detail}` : ''}` };
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
      return { statusCode: null, error: `no answer within ${timeoutMs / 1000} s` };
    if ((e as { code?: string }).code === 'ETARGETREFUSED') return { statusCode: null, error: e.message };
    if ((e as { code?: string }).code === 'ENOTFOUND')
      return { statusCode: null, error: `DNS lookup of ${check.url.hostname} failed: ${e.message}` };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return {
      statusCode: null,
      error: `${e.message}${cause?.code || cause?.message ? ` (${cause.code ?? cause.message})` : ''}`,
    };
  }
}

/** The start of a response body, read no further than needed (a hostile receiver may send gigabytes). */
async function snippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still gives what arrived.
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes.slice(0, SNIPPET_BYTES)).replace(/\s+/g, ' ').trim();
}
