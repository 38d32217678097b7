/**
 * The pure halves of routing a lead, with the I/O in between (`decide` in explain.ts runs the same
 * steps when everything is preloaded):
 *
 *   const plan = planRoute(compiled, facts);                        // 1. which rule, which team
 *   const key = plan.action?.ownerMatching ? ownerMatchKey(facts) : null;
 *   const found = key && (await loadOwnerOfEarlierLead(key));        //    I/O, annotated like any rep
 *   const owner = found ? checkOwner(found) : null;
 *   const attempts: TeamAttempt[] = [];
 *   if (owner?.outcome !== 'chosen') {
 *     for (const step of teamSteps(plan)) {                          //    the team, then its overflow team
 *       const reps = await loadAnnotatedReps(step.teamId);           // 2. I/O: reps + availability
 *       const counter = needsCounter(step, reps)                     // 3. I/O: atomic increment, only when
 *         ? await incrementCounter(counterKey(step)) : null;         //    someone can actually be picked
 *       const attempt = pickFromTeam(step, reps, counter);           // 4. pick
 *       attempts.push(attempt);
 *       if (attempt.chosenRepId) break;
 *     }
 *   }
 *   const decision = explainDecision({ plan, owner, attempts });     // the "why", stored as an event
 */
import type { LeadFacts } from '../lead-facts';
import { skipReasonOf, type ConsideredRep, type RepCandidate } from './candidates';
import { findFirstMatch, type CompiledRules } from './compile';
import type { RoutingAction, Strategy } from './rules';
import { byRotationOrder, leastOpen, namedRep, roundRobin, weightedRoundRobin } from './strategies';

export type RouteSource = { kind: 'rule'; ruleId: string; ruleName: string } | { kind: 'fallback' } | { kind: 'none' };

export interface RoutePlan {
  source: RouteSource;
  /** What to do with the lead; null when no rule matched and there is no fallback route. */
  action: RoutingAction | null;
  rulesEvaluated: number;
}

/**
 * Matches the lead against the rules, falling back to the fallback route.
 * @example planRoute(compiled, facts) // { source: { kind: 'rule', ruleId, ruleName }, action, rulesEvaluated: 2 }
 */
export function planRoute(compiled: CompiledRules, facts: LeadFacts): RoutePlan {
  const { order, evaluated } = findFirstMatch(compiled, facts);
  const rule = compiled.rules[order];
  if (rule)
    return {
      source: { kind: 'rule', ruleId: rule.id, ruleName: rule.name },
      action: rule.action,
      rulesEvaluated: evaluated,
    };
  if (compiled.fallback) return { source: { kind: 'fallback' }, action: compiled.fallback, rulesEvaluated: evaluated };
  return { source: { kind: 'none' }, action: null, rulesEvaluated: evaluated };
}

export interface TeamStep {
  teamId: string;
  strategy: Strategy;
  /** The rep a `named_rep` step asks for. */
  namedRepId: string | null;
  /** True for the overflow team of the rule. */
  overflow: boolean;
}

/**
 * The teams to try in order: the action's team, then its overflow team if it has one. The named
 * rep belongs to the first team only, so an overflow team distributes by round robin instead.
 */
export function teamSteps(plan: RoutePlan): TeamStep[] {
  const action = plan.action;
  if (!action) return [];
  const steps: TeamStep[] = [
    { teamId: action.teamId, strategy: action.strategy, namedRepId: action.repId ?? null, overflow: false },
  ];
  if (action.overflow.kind === 'next_team') {
    const strategy = action.strategy === 'named_rep' ? 'round_robin' : action.strategy;
    steps.push({ teamId: action.overflow.teamId, strategy, namedRepId: null, overflow: true });
  }
  return steps;
}

/**
 * The rotation counter a step uses. One counter per team and strategy: two rules sharing a team but
 * not a strategy would otherwise each see every other number, and round robin over 4 reps with
 * every second counter only ever reaches 2 of them.
 */
export function counterKey(step: Pick<TeamStep, 'teamId' | 'strategy'>): string {
  return `${step.teamId}:${step.strategy}`;
}

/** True when the step will read a counter: a rotating strategy with at least one available rep. */
export function needsCounter(step: Pick<TeamStep, 'strategy'>, candidates: readonly RepCandidate[]): boolean {
  return step.strategy !== 'named_rep' && candidates.some((c) => skipReasonOf(c) === null);
}

export interface TeamAttempt {
  teamId: string;
  strategy: Strategy;
  overflow: boolean;
  counter: number | null;
  /** Every rep of the team, in rotation order, with what happened to it. */
  considered: ConsideredRep[];
  chosenRepId: string | null;
}

/**
 * Picks a rep of one team with the step's strategy among the available candidates.
 * `counter` is the freshly incremented value of `counterKey(step)` (required when `needsCounter`).
 * @example pickFromTeam(step, reps, 41) // { chosenRepId: 'rep_…', considered: [{ repId, outcome: 'out_of_office' }, …] }
 */
export function pickFromTeam(step: TeamStep, candidates: readonly RepCandidate[], counter: number | null): TeamAttempt {
  const sorted = [...candidates].sort(byRotationOrder);
  const reasons = sorted.map(skipReasonOf);
  const eligible = sorted.filter((_, i) => reasons[i] === null);
  if (eligible.length > 0 && counter === null && step.strategy !== 'named_rep' && step.strategy !== 'least_open') {
    throw new Error(`${step.strategy} needs the counter ${counterKey(step)}; see needsCounter`);
  }
  const chosen =
    step.strategy === 'round_robin'
      ? roundRobin(eligible, counter ?? 1)
      : step.strategy === 'weighted_round_robin'
        ? weightedRoundRobin(eligible, counter ?? 1)
        : step.strategy === 'least_open'
          ? leastOpen(eligible, counter ?? undefined)
          : namedRep(eligible, step.namedRepId ?? '');

  const considered: ConsideredRep[] = sorted.map((rep, i) => ({
    repId: rep.id,
    outcome: rep === chosen ? 'chosen' : (reasons[i] ?? 'available'),
  }));
  if (step.strategy === 'named_rep' && step.namedRepId !== null && !sorted.some((r) => r.id === step.namedRepId)) {
    considered.push({ repId: step.namedRepId, outcome: 'not_found' });
  }
  return {
    teamId: step.teamId,
    strategy: step.strategy,
    overflow: step.overflow,
    counter,
    considered,
    chosenRepId: chosen?.id ?? null,
  };
}
