/**
 * Capacity with time passing: announce when a policy's forms close or reopen (a new window, a lead
 * closed, a rep added), then promote waitlisted leads of all its forms in arrival order while places
 * are free, routing them and starting their SLA clocks. Each promotion is one transaction; the
 * waitlisted lead is claimed FOR UPDATE SKIP LOCKED, so two ticks never promote the same lead.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { enabledCapacityPolicies, setAnnouncedState, type CapacityPolicyRow } from '../db/queries/capacity';
import { enqueue } from '../db/queries/outbox';
import { leads } from '../db/schema';
import { admitStoredLead, promotion } from '../verbs/admit-lead';
import { forgetAvailability } from '../verbs/availability-cache';
import { policyAvailability, takePlace } from '../verbs/capacity-gate';

export interface CapacityReport {
  announced: number;
  promoted: number;
}

/** Promotions per policy per tick: a burst of freed capacity is worked off over a few ticks. */
const MAX_PROMOTIONS = 200;

export async function runCapacityTick(db: Database, now: Date): Promise<CapacityReport> {
  const report: CapacityReport = { announced: 0, promoted: 0 };
  for (const policy of await enabledCapacityPolicies(db)) {
    report.announced += await announceChange(db, policy, now);
    for (let i = 0; i < MAX_PROMOTIONS && (await promoteOne(db, policy, now)); i++) report.promoted++;
  }
  return report;
}

async function announceChange(db: Database, policy: CapacityPolicyRow, now: Date): Promise<number> {
  const availability = await policyAvailability(db, policy, now);
  const wasOpen = policy.lastState === 'open';
  const isOpen = availability.state === 'open';
  if (wasOpen === isOpen) return 0;
  await db.transaction(async (tx) => {
    await setAnnouncedState(tx, policy.id, availability.state, now);
    const topic = isOpen ? 'capacity.reopened' : 'capacity.closed';
    await enqueue(
      tx,
      [
        {
          tenantId: policy.tenantId,
          topic,
          payload: {
            formIds: policy.formIds,
            policyId: policy.id,
            policyName: policy.name,
            state: availability.state,
            reopensAt: availability.reopensAt ?? null,
          },
        },
      ],
      now,
    );
  });
  policy.lastState = availability.state;
  forgetAvailability(...policy.formIds);
  return 1;
}

async function promoteOne(db: Database, policy: CapacityPolicyRow, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select()
      .from(leads)
      .where(
        and(eq(leads.tenantId, policy.tenantId), inArray(leads.formId, policy.formIds), eq(leads.status, 'waitlisted')),
      )
      .orderBy(asc(leads.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!lead) return false;
    const gate = await takePlace(tx, policy, now);
    if (gate.availability.state !== 'open') return false;
    await admitStoredLead(tx, lead, promotion(lead, policy, gate.messages, 'system', now));
    return true;
  });
}
