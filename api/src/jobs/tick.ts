/**
 * One scheduler tick: what must happen with time passing. Workers run it from the cron trigger every
 * minute; the local runner on an interval. Each job is safe to run twice at once.
 */
import type { Database } from '../db/database';
import { deleteExpiredIdempotencyKeys } from '../db/queries/idempotency';
import { deleteSettledMessages } from '../db/queries/outbox';
import { runCapacityTick, type CapacityReport } from './capacity-tick';
import { sweepSla, type SweepReport } from './sla-sweep';
import { checkStalls } from './stall-check';
import { scoreSources } from './score-sources';
import { forgetViewVisitors } from '../verbs/form-demand';
import { settlePendingStripeEvents } from '../verbs/stripe-events';
import { dispatchOutbox, type DeliveryOptions, type DispatchReport } from './outbox-dispatch';

const DAY_MS = 24 * 3600_000;
const IDEMPOTENCY_RETENTION_MS = 7 * DAY_MS;
/** How long delivered (and given-up) messages stay listable under an endpoint's deliveries. */
export const MESSAGE_RETENTION_MS = 30 * DAY_MS;
/** Messages forgotten per tick: a backlog is worked off over a few minutes, never in one long delete. */
const FORGET_BATCH = 1000;

export interface TickReport {
  capacity: CapacityReport;
  sla: SweepReport;
  /** Leads flagged stalled in their stage. */
  stalled: number;
  /** Workspaces whose source quality scores were recomputed. */
  scored: number;
  /** Waiting Stripe events settled now that their customer's lead exists (or was won). */
  stripeSettled: number;
  /** Outbox messages fanned out into deliveries. */
  dispatched: number;
  /** Settled messages older than the retention, deleted with their deliveries. */
  forgotten: number;
  deliveries: Omit<DispatchReport, 'dispatched'>;
}

/**
 * `delivery` carries the SSRF policy and DNS resolver (AppDeps has both fields, so `runTick(db, now,
 * deps)` works); without it private targets are refused and no DNS check is made.
 */
export async function runTick(db: Database, now: Date, delivery: DeliveryOptions = {}): Promise<TickReport> {
  // Capacity and the sweep first: what they write goes out in this same tick.
  const capacity = await runCapacityTick(db, now);
  const sla = await sweepSla(db, now);
  const { stalled } = await checkStalls(db, now);
  const stripeSettled = await settlePendingStripeEvents(db, now);
  const { workspaces: scored } = await scoreSources(db, now);
  const { dispatched, ...deliveries } = await dispatchOutbox(db, now, delivery);
  await deleteExpiredIdempotencyKeys(db, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  await forgetViewVisitors(db, now);
  const forgotten = await deleteSettledMessages(db, new Date(now.getTime() - MESSAGE_RETENTION_MS), FORGET_BATCH);
  return { capacity, sla, stalled, scored, stripeSettled, dispatched, forgotten, deliveries };
}
