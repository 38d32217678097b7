/**
 * The capacity gate of a form: what the widget is told (read-only, may be cached briefly) and the
 * decision at submit (never cached: it takes a place in the window atomically, in the submission's
 * transaction, and locks the team's capacity when it derives from it).
 */
import type { Database } from '../db/database';
import {
  formCapacityPolicy,
  setAnnouncedState,
  takeWindowPlace,
  teamRemaining,
  windowUsage,
  type CapacityPolicyRow,
} from '../db/queries/capacity';
import type { OutboxMessage } from '../db/queries/outbox';
import { getTenant } from '../db/queries/tenants';
import { availability, crossedSoftThreshold, limitWindow, type Availability } from '../domain/capacity';

export interface GateDecision {
  /** `open`: accepted and counted; otherwise what the form does with the submission. */
  availability: Availability;
  policy: CapacityPolicyRow | null;
  /** Notifications the decision causes (soft threshold crossed, the form just filled up). */
  messages: OutboxMessage[];
}

async function usageOf(db: Database, policy: CapacityPolicyRow, now: Date, lockTeam: boolean) {
  const timeZone = (await getTenant(db, policy.tenantId))?.timeZone ?? 'UTC';
  const window = limitWindow(policy.policy, timeZone, now);
  const used = window ? await windowUsage(db, policy.id, window.key) : 0;
  const team = policy.policy.teamDerived && policy.teamId ? await teamRemaining(db, policy.tenantId, policy.teamId, lockTeam) : null;
  return { window, timeZone, used, team };
}

/** The form's availability now, without taking anything (the widget's config request). */
export async function currentAvailability(db: Database, tenantId: string, formId: string, now: Date): Promise<{ availability: Availability; policy: CapacityPolicyRow | null }> {
  const policy = await formCapacityPolicy(db, tenantId, formId);
  if (!policy) return { availability: { state: 'open', remaining: null }, policy };
  const u = await usageOf(db, policy, now, false);
  return { availability: availability(policy.policy, { used: u.used, teamRemaining: u.team, now, timeZone: u.timeZone }), policy };
}

/** The decision at submit, inside the submission's transaction. */
export async function passGate(tx: Database, tenantId: string, formId: string, now: Date): Promise<GateDecision> {
  const policy = await formCapacityPolicy(tx, tenantId, formId);
  if (!policy) return { availability: { state: 'open', remaining: null }, policy, messages: [] };
  return takePlace(tx, policy, now);
}

/** Tries to take one place under the policy; used at submit and when promoting the waitlist. */
export async function takePlace(tx: Database, policy: CapacityPolicyRow, now: Date): Promise<GateDecision> {
  const u = await usageOf(tx, policy, now, true);
  const before = availability(policy.policy, { used: u.used, teamRemaining: u.team, now, timeZone: u.timeZone });
  if (before.state !== 'open') return { availability: before, policy, messages: [] };
  const limit = policy.policy.limit;
  if (!u.window || !limit) return { availability: before, policy, messages: [] };

  const taken = await takeWindowPlace(tx, { tenantId: policy.tenantId, policyId: policy.id, windowKey: u.window.key, limit: limit.count });
  if (taken === null) {
    // Someone took the last place between our read and our take: the form is full after all.
    const full = availability(policy.policy, { used: limit.count, teamRemaining: u.team, now, timeZone: u.timeZone });
    return { availability: full, policy, messages: [] };
  }
  const messages: OutboxMessage[] = [];
  const payload = { formId: policy.formId, policyId: policy.id, policy: policy.name, window: u.window.key, used: taken, limit: limit.count };
  if (crossedSoftThreshold(policy.policy, taken - 1, taken, limit.count)) {
    messages.push({ tenantId: policy.tenantId, topic: 'capacity.threshold', payload: { ...payload, threshold: policy.policy.softThreshold } });
  }
  if (taken >= limit.count) {
    const after = availability(policy.policy, { used: taken, teamRemaining: u.team, now, timeZone: u.timeZone });
    messages.push({ tenantId: policy.tenantId, topic: 'capacity.closed', payload: { ...payload, state: after.state, reopensAt: after.reopensAt ?? null } });
    await setAnnouncedState(tx, policy.id, after.state, now);
  }
  return { availability: { ...before, remaining: before.remaining === null ? null : before.remaining - 1 }, policy, messages };
}
