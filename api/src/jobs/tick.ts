/**
 * One scheduler tick: what must happen with time passing. Workers run it from the cron trigger every
 * minute; the local runner on an interval. Each job is safe to run twice at once.
 */
import type { Database } from '../db/database';
import { deleteExpiredIdempotencyKeys } from '../db/queries/idempotency';
import { dispatchOutbox } from './outbox-dispatch';

const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;

export interface TickReport {
  dispatched: number;
}

export async function runTick(db: Database, now: Date): Promise<TickReport> {
  const dispatched = await dispatchOutbox(db, now);
  await deleteExpiredIdempotencyKeys(db, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  return { dispatched };
}
