/**
 * The delivery queue: fan-out of outbox messages into deliveries, claiming due deliveries, recording
 * attempts. These run for all tenants at once (the scheduler), so tenant scoping is by construction:
 * a delivery takes its tenant from its message, and a message only ever fans out to endpoints of the
 * same tenant.
 */
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { LEASE_MS, MAX_ATTEMPTS } from '../../domain/delivery-policy';
import { markLeadNotified } from './lead-notified';
import { newId } from '../../domain/ids';
import { topicMatches } from '../../domain/webhook-topics';
import { isMailTopic } from '../../mail';
import type { Database } from '../database';
import { deliveries, outbox, webhookEndpoints } from '../schema';

export type DeliveryRow = typeof deliveries.$inferSelect;

/**
 * Turns undispatched messages into one delivery per subscribed, enabled endpoint (and one to the
 * message's Slack URL; an email into one to its recipient), then marks them dispatched. Messages are claimed FOR UPDATE SKIP LOCKED, so
 * a tick and an after-commit kick never fan out the same message twice. Answers the messages taken.
 */
export async function fanOutMessages(
  db: Database,
  now: Date,
  opts: { messageIds?: string[]; batch: number },
): Promise<number> {
  if (opts.messageIds && opts.messageIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const messages = await tx
      .select({
        id: outbox.id,
        tenantId: outbox.tenantId,
        topic: outbox.topic,
        slackUrl: outbox.slackUrl,
        mailTo: sql<string | null>`${outbox.payload}->>'to'`,
      })
      .from(outbox)
      .where(and(isNull(outbox.dispatchedAt), opts.messageIds ? inArray(outbox.id, opts.messageIds) : undefined))
      .orderBy(asc(outbox.createdAt))
      .limit(opts.batch)
      .for('update', { skipLocked: true });
    if (messages.length === 0) return 0;
    const tenantIds = [...new Set(messages.flatMap((m) => (m.tenantId ? [m.tenantId] : [])))];
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, topics: webhookEndpoints.topics })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.tenantId, tenantIds), eq(webhookEndpoints.enabled, true)));

    const base = { status: 'pending' as const, nextAttemptAt: now, createdAt: now };
    const rows = messages.flatMap((m) => [
      // An email goes to its recipient only: never to webhooks (a reset link is for one person).
      ...(isMailTopic(m.topic)
        ? m.mailTo
          ? [{ ...base, id: newId('delivery', now), tenantId: m.tenantId, messageId: m.id, mailTo: m.mailTo }]
          : []
        : []),
      ...endpoints
        .filter((e) => !isMailTopic(m.topic) && e.tenantId === m.tenantId && topicMatches(e.topics, m.topic))
        .map((e) => ({ ...base, id: newId('delivery', now), tenantId: m.tenantId, messageId: m.id, endpointId: e.id })),
      ...(m.slackUrl
        ? [{ ...base, id: newId('delivery', now), tenantId: m.tenantId, messageId: m.id, slackUrl: m.slackUrl }]
        : []),
    ]);
    if (rows.length > 0) await tx.insert(deliveries).values(rows).onConflictDoNothing();
    for (const m of messages)
      if (m.topic === 'lead.assigned' && !rows.some((r) => r.messageId === m.id)) await markLeadNotified(tx, m.id, now);
    await tx
      .update(outbox)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          outbox.id,
          messages.map((m) => m.id),
        ),
      );
    return messages.length;
  });
}

/**
 * Claims due deliveries for one attempt each: the attempt is counted and `next_attempt_at` moves a
 * lease ahead, in one statement over rows locked FOR UPDATE SKIP LOCKED. A concurrent claimer skips
 * the locked rows, and once this commits it no longer sees them as due; so no two senders hold the
 * same delivery until the lease (far longer than an attempt may take) runs out.
 */
export async function claimDueDeliveries(
  db: Database,
  now: Date,
  opts: { messageIds?: string[]; batch: number },
): Promise<DeliveryRow[]> {
  if (opts.messageIds && opts.messageIds.length === 0) return [];
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'pending'),
        lte(deliveries.nextAttemptAt, now),
        lt(deliveries.attempts, MAX_ATTEMPTS),
        opts.messageIds ? inArray(deliveries.messageId, opts.messageIds) : undefined,
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(opts.batch)
    .for('update', { skipLocked: true });
  return db
    .update(deliveries)
    .set({
      attempts: sql`${deliveries.attempts} + 1`,
      lastAttemptAt: now,
      nextAttemptAt: new Date(now.getTime() + LEASE_MS),
    })
    .where(and(inArray(deliveries.id, due), eq(deliveries.status, 'pending')))
    .returning();
}

/** What a claimed delivery needs to be sent: its message, and its endpoint when it goes to one. */
export async function loadDeliveryContext(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      deliveryId: deliveries.id,
      messageId: deliveries.messageId,
      topic: outbox.topic,
      payload: outbox.payload,
      messageCreatedAt: outbox.createdAt,
      endpoint: webhookEndpoints,
    })
    .from(deliveries)
    .innerJoin(outbox, eq(outbox.id, deliveries.messageId))
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, deliveries.endpointId))
    .where(inArray(deliveries.id, ids));
}

export type DeliveryUpdate =
  /** A caught email (no provider configured) is delivered with no status code. */
  | { status: 'delivered'; statusCode: number | null }
  | { status: 'pending'; nextAttemptAt: Date; statusCode: number | null; error: string | null }
  | { status: 'failed'; statusCode: number | null; error: string | null };

const MAX_ERROR = 500;

/**
 * Records the outcome of the attempt that claimed the row. `attempts` is the claim's fencing token:
 * if the lease ran out and someone else claimed the row since, this late answer changes nothing.
 */
export async function recordAttempt(
  db: Database,
  claimed: Pick<DeliveryRow, 'id' | 'attempts'>,
  update: DeliveryUpdate,
  now: Date,
): Promise<boolean> {
  const error = update.status === 'delivered' ? null : update.error?.slice(0, MAX_ERROR);
  const rows = await db
    .update(deliveries)
    .set({
      status: update.status,
      lastStatusCode: update.statusCode,
      lastError: error,
      ...(update.status === 'pending' ? { nextAttemptAt: update.nextAttemptAt } : {}),
      ...(update.status === 'delivered' ? { deliveredAt: now } : {}),
    })
    .where(
      and(eq(deliveries.id, claimed.id), eq(deliveries.attempts, claimed.attempts), eq(deliveries.status, 'pending')),
    )
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

/** Once an endpoint is gone, what is still queued for it fails rather than waiting out its retries. */
export async function failPendingForEndpoint(db: Database, endpointId: string, reason: string) {
  await db
    .update(deliveries)
    .set({ status: 'failed', lastError: reason })
    .where(and(eq(deliveries.endpointId, endpointId), eq(deliveries.status, 'pending')));
}

/**
 * A sender that crashed during the last allowed attempt leaves a row nobody may claim again; once its
 * lease is over it is failed here, so nothing stays pending forever.
 */
export async function failExhaustedDeliveries(db: Database, now: Date) {
  await db
    .update(deliveries)
    .set({
      status: 'failed',
      lastError: sql`coalesce(${deliveries.lastError}, 'no answer recorded for the last attempt')`,
    })
    .where(
      and(
        eq(deliveries.status, 'pending'),
        lte(deliveries.nextAttemptAt, now),
        sql`${deliveries.attempts} >= ${MAX_ATTEMPTS}`,
      ),
    );
}

const withTopic = { ...getTableColumns(deliveries), topic: outbox.topic };
export type DeliveryWithTopic = DeliveryRow & { topic: string };

/** An endpoint's deliveries, newest first, with their message's topic (the caller checked the endpoint is the tenant's). */
export async function listEndpointDeliveries(
  db: Database,
  tenantId: string,
  endpointId: string,
  q: { limit: number; cursor?: string; status?: DeliveryRow['status'] },
) {
  return db
    .select(withTopic)
    .from(deliveries)
    .innerJoin(outbox, eq(outbox.id, deliveries.messageId))
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        eq(deliveries.endpointId, endpointId),
        q.status ? eq(deliveries.status, q.status) : undefined,
        q.cursor ? lt(deliveries.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(deliveries.id))
    .limit(q.limit + 1);
}

/**
 * Queues a settled delivery again, due now, with a fresh set of attempts (a resend after the
 * receiver was fixed). Answers the row, or null when it is not this endpoint's or still pending.
 */
export async function resendDelivery(db: Database, tenantId: string, endpointId: string, id: string, now: Date) {
  const [row] = await db
    .update(deliveries)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      lastStatusCode: null,
      deliveredAt: null,
    })
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        eq(deliveries.endpointId, endpointId),
        eq(deliveries.id, id),
        sql`${deliveries.status} <> 'pending'`,
      ),
    )
    .returning();
  return row ?? null;
}

export async function findEndpointDelivery(db: Database, tenantId: string, endpointId: string, id: string) {
  const [row] = await db
    .select(withTopic)
    .from(deliveries)
    .innerJoin(outbox, eq(outbox.id, deliveries.messageId))
    .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.endpointId, endpointId), eq(deliveries.id, id)))
    .limit(1);
  return row ?? null;
}
