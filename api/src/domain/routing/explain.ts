/**
 * The routing decision and its explanation, stored as an event on the lead so a customer can see
 * why it went where it did: the rule (or fallback), the owner check, every rep considered in each
 * team tried and why it was skipped, the strategy that chose, and the overflow taken.
 */
import type { LeadFacts } from '../lead-facts';
import type { RepCandidate } from './candidates';
import type { CompiledRules } from './compile';
import { checkOwner, type OwnerCandidate, type OwnerCheck } from './owner';
import {
  counterKey,
  needsCounter,
  pickFromTeam,
  planRoute,
  teamSteps,
  type RoutePlan,
  type RouteSource,
  type TeamAttempt,
} from './plan';
import type { Strategy } from './rules';

export interface RoutingDecision {
  source: RouteSource;
  rulesEvaluated: number;
  /** The owner check, when the action asks for owner matching and an owner was found. */
  owner: OwnerCheck | null;
  /** The teams tried, in order (none when the owner took the lead or there was no route). */
  attempts: TeamAttempt[];
  /**
   * `none`: the owner or the rule's own team took the lead (or there was no route at all);
   * `next_team`: the overflow team took it; `unassigned`: nobody could, the lead waits in `teamId`.
   */
  overflow: 'none' | 'next_team' | 'unassigned';
  /** How the rep was chosen; null when nobody was. */
  strategy: Strategy | 'owner_match' | null;
  /** The team that holds the lead: the chosen rep's, or the last one tried when unassigned. */
  teamId: string | null;
  repId: string | null;
}

/**
 * Assembles the decision from the plan and the pure steps the I/O layer ran (see plan.ts).
 * @example explainDecision({ plan, owner: null, attempts: [attempt] }).repId // 'rep_…'
 */
export function explainDecision(input: {
  plan: RoutePlan;
  owner?: OwnerCheck | null;
  attempts: readonly TeamAttempt[];
}): RoutingDecision {
  const { plan, attempts } = input;
  const owner = plan.action?.ownerMatching ? (input.owner ?? null) : null;
  const base = { source: plan.source, rulesEvaluated: plan.rulesEvaluated, owner, attempts: [...attempts] };
  if (!plan.action) return { ...base, overflow: 'none', strategy: null, teamId: null, repId: null };
  if (owner?.outcome === 'chosen') {
    return {
      ...base,
      attempts: [],
      overflow: 'none',
      strategy: 'owner_match',
      teamId: owner.teamId,
      repId: owner.repId,
    };
  }
  const taken = attempts.find((a) => a.chosenRepId !== null);
  if (taken) {
    const overflow = taken.overflow ? 'next_team' : 'none';
    return { ...base, overflow, strategy: taken.strategy, teamId: taken.teamId, repId: taken.chosenRepId };
  }
  const queuedIn = attempts.at(-1)?.teamId ?? plan.action.teamId;
  return { ...base, overflow: 'unassigned', strategy: null, teamId: queuedIn, repId: null };
}

export interface DecideInput {
  compiled: CompiledRules;
  facts: LeadFacts;
  /** Reps of every team a route may reach, annotated with availability. */
  teams: ReadonlyMap<string, readonly RepCandidate[]>;
  /** The next value of a rotation counter (see counterKey); called only when a pick needs it. */
  nextCounter: (key: string) => number;
  /** The owner of an earlier lead with the same company or address, when one was found. */
  owner?: OwnerCandidate | null;
}

/**
 * Routes a lead in one synchronous call when everything is at hand: for `POST /v1/routing/simulate`
 * (pass `nextCounter` that peeks without writing) and for tests. The submission path runs the same
 * steps one by one so that a counter is incremented only for the team that uses it (plan.ts).
 * @example
 * decide({ compiled, facts, teams: new Map([['team_a', reps]]), nextCounter: (k) => (counters[k] = (counters[k] ?? 0) + 1) })
 */
export function decide(input: DecideInput): RoutingDecision {
  const plan = planRoute(input.compiled, input.facts);
  const owner = plan.action?.ownerMatching && input.owner ? checkOwner(input.owner) : null;
  const attempts: TeamAttempt[] = [];
  if (owner?.outcome !== 'chosen') {
    for (const step of teamSteps(plan)) {
      const reps = input.teams.get(step.teamId) ?? [];
      const counter = needsCounter(step, reps) ? input.nextCounter(counterKey(step)) : null;
      const attempt = pickFromTeam(step, reps, counter);
      attempts.push(attempt);
      if (attempt.chosenRepId !== null) break;
    }
  }
  return explainDecision({ plan, owner, attempts });
}
