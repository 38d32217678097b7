/**
 * Outbox delivery, in two steps that each claim their rows FOR UPDATE SKIP LOCKED, so the scheduler
 * tick and the after-commit kick can run at the same time without sending anything twice:
 *   1. fan-out: each undispatched message becomes one delivery per subscribed endpoint (+ Slack);
 *   2. attempts: due deliveries are sent, and retried with backoff until they succeed or give up.
 */
import type { Database } from '../db/database';
import { failExhaustedDeliveries, fanOutMessages } from '../db/queries/deliveries';
import { attemptDueDeliveries, type AttemptReport } from './delivery-attempts';
import { mailCatcher } from './mail-delivery';
import type { DeliveryOptions } from './guarded-post';

export type { DeliveryOptions } from './guarded-post';

export interface DispatchReport extends AttemptReport {
  /** Messages fanned out into deliveries. */
  dispatched: number;
}

const FAN_OUT_BATCH = 100;
/** Bounds one tick's work; what is left waits for the next tick. */
const MAX_ROUNDS = 10;

/** The scheduler's share: fan out everything new, then attempt every delivery that is due. */
export async function dispatchOutbox(db: Database, now: Date, opts: DeliveryOptions = {}): Promise<DispatchReport> {
  let dispatched = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const n = await fanOutMessages(db, now, { batch: FAN_OUT_BATCH, catchMail: mailCatcher(opts) });
    dispatched += n;
    if (n < FAN_OUT_BATCH) break;
  }
  await failExhaustedDeliveries(db, now);
  const report: DispatchReport = { dispatched, attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = await attemptDueDeliveries(db, now, opts);
    report.attempted += r.attempted;
    report.delivered += r.delivered;
    report.retrying += r.retrying;
    report.failed += r.failed;
    if (r.attempted === 0) break;
  }
  return report;
}

/**
 * Right after a commit that wrote these messages: deliver them now rather than at the next tick (a rep
 * hears of a lead within seconds). Only these messages, so a request never inherits a backlog; what
 * fails here is retried by the scheduler.
 */
export async function deliverMessages(
  db: Database,
  messageIds: string[],
  now: Date,
  opts: DeliveryOptions = {},
): Promise<AttemptReport> {
  if (messageIds.length === 0) return { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  await fanOutMessages(db, now, { messageIds, batch: messageIds.length, catchMail: mailCatcher(opts) });
  return attemptDueDeliveries(db, now, opts, { messageIds });
}
