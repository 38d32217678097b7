import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { outbox } from '../schema';

export interface OutboxMessage {
  tenantId: string;
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
