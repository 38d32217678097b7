import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { outbox } from '../schema';

export interface OutboxMessage {
  tenantId: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** Writes messages in the caller's transaction; they are delivered after it commits. */
export async function enqueue(tx: Database, messages: OutboxMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = messages.map((m) => ({ id: newId('message', now), createdAt: now, ...m }));
  await tx.insert(outbox).values(rows);
  return rows.map((r) => r.id);
}
