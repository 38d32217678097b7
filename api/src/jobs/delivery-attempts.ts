/**
 * Attempts due deliveries: claim (a short transaction-free UPDATE that takes a lease), send outside
 * any transaction, record the verdict. Sending never holds a database lock or connection open, and
 * the lease keeps a second tick from sending the same delivery meanwhile.
 */
import { markLeadNotified } from '../db/queries/lead-notified';
import type { Database } from '../db/database';
import {
  claimDueDeliveries,
  failPendingForEndpoint,
  loadDeliveryContext,
  recordAttempt,
  type DeliveryRow,
} from '../db/queries/deliveries';
import { disableGoneEndpoint, signingSecrets } from '../db/queries/webhook-endpoints';
import { judgeAttempt } from '../domain/delivery-policy';
import { slackMessage } from '../domain/slack';
import { webhookBody, webhookHeaders } from '../domain/webhook-signature';
import { guardedPost, type DeliveryOptions, type OutgoingPost, type PostResult } from './guarded-post';
import { readMailPayload, sendMail } from './mail-delivery';

export interface AttemptReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/** Deliveries claimed per call. With CONCURRENCY senders and a 10 s timeout a batch ends well inside the lease. */
const BATCH = 50;
const CONCURRENCY = 25;

type Context = Awaited<ReturnType<typeof loadDeliveryContext>>[number];
type Outcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

export async function attemptDueDeliveries(
  db: Database,
  now: Date,
  opts: DeliveryOptions,
  scope: { messageIds?: string[]; batch?: number } = {},
): Promise<AttemptReport> {
  const claimed = await claimDueDeliveries(db, now, { messageIds: scope.messageIds, batch: scope.batch ?? BATCH });
  const report: AttemptReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return report;
  const contexts = new Map(
    (
      await loadDeliveryContext(
        db,
        claimed.map((d) => d.id),
      )
    ).map((c) => [c.deliveryId, c]),
  );
  const outcomes = await mapLimit(claimed, CONCURRENCY, (d) =>
    // One delivery's trouble (a database hiccup while recording) must not stop the others; its lease
    // runs out and the next tick tries it again.
    attemptOne(db, d, contexts.get(d.id), now, opts).catch((err): Outcome => {
      console.error(`delivery ${d.id} attempt failed:`, err);
      return 'skipped';
    }),
  );
  for (const o of outcomes) {
    if (o === 'skipped') continue;
    report.attempted++;
    report[o]++;
  }
  return report;
}

async function attemptOne(
  db: Database,
  d: DeliveryRow,
  ctx: Context | undefined,
  now: Date,
  opts: DeliveryOptions,
): Promise<Outcome> {
  // The endpoint was deleted after the claim (its deliveries went with it).
  if (!ctx) return 'skipped';
  if (d.endpointId && !ctx.endpoint?.enabled) {
    await recordAttempt(db, d, { status: 'failed', statusCode: null, error: 'endpoint disabled' }, now);
    return 'failed';
  }
  let result: PostResult;
  if (d.mailTo) {
    const mail = readMailPayload(ctx.payload);
    if (!mail) {
      await recordAttempt(db, d, { status: 'failed', statusCode: null, error: 'not an email payload' }, now);
      return 'failed';
    }
    const sent = await sendMail(mail, ctx.messageId, opts);
    if (sent.caught) {
      await recordAttempt(db, d, { status: 'delivered', statusCode: null }, now);
      return 'delivered';
    }
    result = sent;
  } else {
    const post = ctx.endpoint ? await webhookPost(ctx, ctx.endpoint, now) : slackPost(d.slackUrl!, ctx);
    result = await guardedPost(post, opts);
  }
  const verdict = judgeAttempt(result, d.attempts, now);
  const statusCode = result.statusCode;
  if (verdict.status === 'delivered') {
    if (await recordAttempt(db, d, { status: 'delivered', statusCode: statusCode! }, now))
      await markLeadNotified(db, d.messageId, now);
    return 'delivered';
  }
  if (verdict.status === 'pending') {
    await recordAttempt(
      db,
      d,
      { status: 'pending', nextAttemptAt: verdict.nextAttemptAt, statusCode, error: result.error },
      now,
    );
    return 'retrying';
  }
  await recordAttempt(db, d, { status: 'failed', statusCode, error: result.error }, now);
  if (verdict.gone && ctx.endpoint) {
    await disableGoneEndpoint(db, ctx.endpoint.tenantId, ctx.endpoint.id, now);
    await failPendingForEndpoint(db, ctx.endpoint.id, 'endpoint disabled: it answered 410 Gone');
  }
  return 'failed';
}

/** A Standard Webhooks request: the same `webhook-id` and body on every attempt, a fresh timestamp and signature. */
async function webhookPost(ctx: Context, endpoint: NonNullable<Context['endpoint']>, now: Date): Promise<OutgoingPost> {
  const body = webhookBody(ctx.topic, ctx.messageCreatedAt, ctx.payload);
  const headers = await webhookHeaders({
    messageId: ctx.messageId,
    sentAt: now,
    body,
    secrets: signingSecrets(endpoint, now),
  });
  return { url: endpoint.url, headers, body };
}

function slackPost(url: string, ctx: Context): OutgoingPost {
  return { url, headers: {}, body: JSON.stringify(slackMessage(ctx.topic, ctx.payload)) };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
