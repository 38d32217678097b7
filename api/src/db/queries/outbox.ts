import { and, asc, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { idBefore, newId } from '../../domain/ids';
import type { Database } from '../database';
import { deliveries, outbox } from '../schema';

export interface OutboxMessage {
  /** Null only for account email (mail/index.ts), which belongs to no workspace. */
  tenantId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  /**
   * Also post this message to a Slack incoming webhook (formatted by domain/slack.ts). The tenant's
   * webhook endpoints subscribed to `topic` get it either way. Null or absent: no Slack post.
   */
  slackUrl?: string | null;
}

/**
 * Writes messages in the caller's transaction; they are delivered after it commits (pass the returned
 * ids to `AppDeps.onOutboxWritten`), and retried by the scheduler tick when that fails.
 *
 * @example await enqueue(tx, [{ tenantId, topic: 'lead.assigned', payload, slackUrl: rep.slackWebhookUrl ?? team.slackWebhookUrl }], now)
 */
export async function enqueue(tx: Database, messages: OutboxMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = messages.map((m) => ({ id: newId('message', now), createdAt: now, ...m }));
  await tx.insert(outbox).values(rows);
  return rows.map((r) => r.id);
}

/**
 * Forgets messages settled before `before`: fanned out, with no delivery still pending (their
 * deliveries go with them). Walks the primary key from the oldest id, so the cost is the batch, not
 * the table (an id's time is never earlier than its message's creation: ids are monotonic, see
 * domain/ids.ts). Answers how many were deleted.
 */
export async function deleteSettledMessages(db: Database, before: Date, batch: number): Promise<number> {
  const old = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        lt(outbox.id, idBefore('message', before)),
        isNotNull(outbox.dispatchedAt),
        sql`not exists (select 1 from ${deliveries} where ${deliveries.messageId} = ${outbox.id} and ${deliveries.status} = 'pending')`,
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(batch);
  const rows = await db.delete(outbox).where(inArray(outbox.id, old)).returning({ id: outbox.id });
  return rows.length;
}
