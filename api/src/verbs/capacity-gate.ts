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
import {
  availability,
  crossedSoftThreshold,
  limitWindow,
  reservedFrom,
  type Availability,
  type CapacityWindow,
} from '../domain/capacity';
import type { QualityFacts } from '../db/queries/source-scores';
import { forgetAvailability } from './availability-cache';

export interface GateDecision {
  /** `open`: accepted (and counted, unless only peeked); otherwise what the form does with the submission. */
  availability: Availability;
  policy: CapacityPolicyRow | null;
  /** Notifications the decision causes (soft threshold crossed, the form just filled up). */
  messages: OutboxMessage[];
  /** Places this lead may not take (a low-quality source held back: see CapacityPolicy.holdBack). */
  reserved?: number;
}

/** A form without a policy: always open, nothing counted. */
const UNGATED: GateDecision = { availability: { state: 'open', remaining: null }, policy: null, messages: [] };

/** The place a peek saw free was taken by a concurrent submission before this one could take it. */
export class CapacityRaceLost extends Error {
  constructor() {
    super('capacity race lost');
  }
}

/** What the policy has used in its current window, what its team can still take, and so what its forms show. */
async function usageOf(db: Database, policy: CapacityPolicyRow, now: Date, lockTeam: boolean, reserved = 0) {
  const window = limitWindow(policy.policy, policy.timeZone, now);
  const used = window ? await windowUsage(db, policy.id, window.key) : 0;
  const team =
    policy.policy.teamDerived && policy.teamId
      ? await teamRemaining(db, policy.tenantId, policy.teamId, lockTeam)
      : null;
  // A held-back lead sees the window as if its reserved places were taken already.
  const shown = (u: number) =>
    availability(policy.policy, { used: u + reserved, teamRemaining: team, now, timeZone: policy.timeZone });
  return { window, team, availability: shown(used), shown };
}

/** The form's availability now, without taking anything (the widget's config request). */
export async function currentAvailability(
  db: Database,
  tenantId: string,
  formId: string,
  now: Date,
): Promise<{ availability: Availability; policy: CapacityPolicyRow | null }> {
  const policy = await formCapacityPolicy(db, tenantId, formId);
  if (!policy) return { availability: UNGATED.availability, policy };
  return { availability: await policyAvailability(db, policy, now), policy };
}

/** What the policy's forms show now (they share its window and team). */
export async function policyAvailability(db: Database, policy: CapacityPolicyRow, now: Date): Promise<Availability> {
  return (await usageOf(db, policy, now, false)).availability;
}

/** The decision at submit, inside the submission's transaction (`quality`: the lead's stored source scores). */
export async function passGate(
  tx: Database,
  tenantId: string,
  formId: string,
  now: Date,
  quality?: QualityFacts,
): Promise<GateDecision> {
  const policy = await formCapacityPolicy(tx, tenantId, formId);
  return policy ? takePlace(tx, policy, now, reservedFrom(policy.policy, quality)) : UNGATED;
}

/**
 * Looks without taking: the submission proceeds as if accepted and takes its place at the end with
 * `confirmPlace`, so the window's row lock is held only for the last statements of the transaction.
 * (A team-derived limit still locks the team's reps here: routing takes their slots right after.)
 */
export async function peekGate(
  tx: Database,
  tenantId: string,
  formId: string,
  now: Date,
  quality?: QualityFacts,
): Promise<GateDecision> {
  const policy = await formCapacityPolicy(tx, tenantId, formId);
  if (!policy) return UNGATED;
  const reserved = reservedFrom(policy.policy, quality);
  return {
    availability: (await usageOf(tx, policy, now, true, reserved)).availability,
    policy,
    messages: [],
    reserved,
  };
}

/** Takes the place a peek saw free; throws CapacityRaceLost when it is gone. */
export async function confirmPlace(tx: Database, peeked: GateDecision, now: Date): Promise<OutboxMessage[]> {
  const policy = peeked.policy;
  if (!policy?.policy.limit) return [];
  // Only the window is taken here: the team's capacity was settled under its lock when routing
  // took the rep's slot, and counting it again would see our own lead.
  const window = limitWindow(policy.policy, policy.timeZone, now)!;
  // The reserved places are left out of the conditional take itself, so holding back stays atomic.
  const limit = policy.policy.limit.count - (peeked.reserved ?? 0);
  const taken = await takeWindowPlace(tx, {
    tenantId: policy.tenantId,
    policyId: policy.id,
    windowKey: window.key,
    limit,
  });
  if (taken === null) throw new CapacityRaceLost();
  const after = availability(policy.policy, { used: taken, teamRemaining: null, now, timeZone: policy.timeZone });
  return placeTaken(tx, policy, window, taken, after, now);
}

/** Tries to take one place under the policy; used at submit and when promoting the waitlist. */
export async function takePlace(
  tx: Database,
  policy: CapacityPolicyRow,
  now: Date,
  reserved = 0,
): Promise<GateDecision> {
  const u = await usageOf(tx, policy, now, true, reserved);
  const before = u.availability;
  const limit = policy.policy.limit;
  if (before.state !== 'open' || !u.window || !limit) return { availability: before, policy, messages: [] };

  const taken = await takeWindowPlace(tx, {
    tenantId: policy.tenantId,
    policyId: policy.id,
    windowKey: u.window.key,
    limit: limit.count - reserved,
  });
  // Null: someone took the last place between our read and our take; the form is full after all.
  if (taken === null) return { availability: u.shown(limit.count), policy, messages: [] };
  const messages = await placeTaken(tx, policy, u.window, taken, u.shown(taken), now);
  return {
    availability: { ...before, remaining: before.remaining === null ? null : before.remaining - 1 },
    policy,
    messages,
  };
}

/** The notifications a taken place causes: the soft threshold crossed, the form just filled up (`after` is what it shows now). */
async function placeTaken(
  tx: Database,
  policy: CapacityPolicyRow,
  window: CapacityWindow,
  taken: number,
  after: Availability,
  now: Date,
): Promise<OutboxMessage[]> {
  const limit = policy.policy.limit!.count;
  const messages: OutboxMessage[] = [];
  const payload = {
    formIds: policy.formIds,
    policyId: policy.id,
    policyName: policy.name,
    window: window.key,
    resetsAt: window.end.toISOString(),
    used: taken,
    limit,
  };
  if (crossedSoftThreshold(policy.policy, taken - 1, taken, limit)) {
    messages.push({
      tenantId: policy.tenantId,
      topic: 'capacity.threshold',
      payload: { ...payload, threshold: policy.policy.softThreshold },
    });
  }
  if (taken >= limit) {
    messages.push({
      tenantId: policy.tenantId,
      topic: 'capacity.closed',
      payload: { ...payload, state: after.state, reopensAt: after.reopensAt ?? null },
    });
    await setAnnouncedState(tx, policy.id, after.state, now);
    forgetAvailability(...policy.formIds); // every form of the policy is full now, not only this one
  }
  return messages;
}
