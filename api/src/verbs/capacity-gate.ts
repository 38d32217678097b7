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
import { availability, crossedSoftThreshold, limitWindow, type Availability, type CapacityWindow } from '../domain/capacity';
import { forgetAvailability } from './availability-cache';

export interface GateDecision {
  /** `open`: accepted (and counted, unless only peeked); otherwise what the form does with the submission. */
  availability: Availability;
  policy: CapacityPolicyRow | null;
  /** Notifications the decision causes (soft threshold crossed, the form just filled up). */
  messages: OutboxMessage[];
  /** The tenant's zone the windows were counted in (a peek hands it on to `confirmPlace`). */
  timeZone?: string;
}

/** The place a peek saw free was taken by a concurrent submission before this one could take it. */
export class CapacityRaceLost extends Error {
  constructor() {
    super('capacity race lost');
  }
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
  return { availability: await policyAvailability(db, policy, now), policy };
}

/** What the policy's forms show now (they share its window and team). */
export async function policyAvailability(db: Database, policy: CapacityPolicyRow, now: Date): Promise<Availability> {
  const u = await usageOf(db, policy, now, false);
  return availability(policy.policy, { used: u.used, teamRemaining: u.team, now, timeZone: u.timeZone });
}

/** The decision at submit, inside the submission's transaction. */
export async function passGate(tx: Database, tenantId: string, formId: string, now: Date): Promise<GateDecision> {
  const policy = await formCapacityPolicy(tx, tenantId, formId);
  if (!policy) return { availability: { state: 'open', remaining: null }, policy, messages: [] };
  return takePlace(tx, policy, now);
}

/**
 * Looks without taking: the submission proceeds as if accepted and takes its place at the end with
 * `confirmPlace`, so the window's row lock is held only for the last statements of the transaction.
 * (A team-derived limit still locks the team's reps here: routing takes their slots right after.)
 */
export async function peekGate(tx: Database, tenantId: string, formId: string, now: Date): Promise<GateDecision> {
  const policy = await formCapacityPolicy(tx, tenantId, formId);
  if (!policy) return { availability: { state: 'open', remaining: null }, policy, messages: [] };
  const u = await usageOf(tx, policy, now, true);
  return { availability: availability(policy.policy, { used: u.used, teamRemaining: u.team, now, timeZone: u.timeZone }), policy, messages: [], timeZone: u.timeZone };
}

/** Takes the place a peek saw free; throws CapacityRaceLost when it is gone. */
export async function confirmPlace(tx: Database, peeked: GateDecision, now: Date): Promise<OutboxMessage[]> {
  const policy = peeked.policy;
  if (!policy?.policy.limit) return [];
  // Only the window is taken here: the team's capacity was settled under its lock when routing
  // took the rep's slot, and counting it again would see our own lead.
  const timeZone = peeked.timeZone ?? 'UTC';
  const window = limitWindow(policy.policy, timeZone, now)!;
  const taken = await takeWindowPlace(tx, { tenantId: policy.tenantId, policyId: policy.id, windowKey: window.key, limit: policy.policy.limit.count });
  if (taken === null) throw new CapacityRaceLost();
  return placeTaken(tx, policy, window, taken, { now, timeZone, team: null });
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
  const messages = await placeTaken(tx, policy, u.window, taken, { now, timeZone: u.timeZone, team: u.team });
  return { availability: { ...before, remaining: before.remaining === null ? null : before.remaining - 1 }, policy, messages };
}

/** The notifications a taken place causes: the soft threshold crossed, the form just filled up. */
async function placeTaken(tx: Database, policy: CapacityPolicyRow, window: CapacityWindow, taken: number, at: { now: Date; timeZone: string; team: number | null }): Promise<OutboxMessage[]> {
  const limit = policy.policy.limit!.count;
  const messages: OutboxMessage[] = [];
  const payload = { formIds: policy.formIds, policyId: policy.id, policyName: policy.name, window: window.key, resetsAt: window.end.toISOString(), used: taken, limit };
  if (crossedSoftThreshold(policy.policy, taken - 1, taken, limit)) {
    messages.push({ tenantId: policy.tenantId, topic: 'capacity.threshold', payload: { ...payload, threshold: policy.policy.softThreshold } });
  }
  if (taken >= limit) {
    const after = availability(policy.policy, { used: taken, teamRemaining: at.team, now: at.now, timeZone: at.timeZone });
    messages.push({ tenantId: policy.tenantId, topic: 'capacity.closed', payload: { ...payload, state: after.state, reopensAt: after.reopensAt ?? null } });
    await setAnnouncedState(tx, policy.id, after.state, at.now);
    forgetAvailability(...policy.formIds); // every form of the policy is full now, not only this one
  }
  return messages;
}
