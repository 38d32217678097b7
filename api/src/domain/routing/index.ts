/**
 * The routing engine: rules (rules.ts) compiled into an index (compile.ts), a plan for a lead
 * (plan.ts), pure pickers per strategy (strategies.ts), owner matching (owner.ts) and the
 * explanation stored on the lead (explain.ts). No I/O: reps, availability and counters come in.
 */
export { SKIP_REASONS, skipReasonOf, type ConsideredRep, type RepCandidate, type SkipReason } from './candidates';
export {
  compileRules,
  findFirstMatch,
  matchRule,
  matchRuleByScan,
  type CompiledRules,
  type RuleMatch,
} from './compile';
export { coverOf, type Cover, type CoverAtom } from './cover';
export { decide, explainDecision, type DecideInput, type RoutingDecision } from './explain';
export { checkOwner, ownerMatchKey, type OwnerCandidate, type OwnerCheck, type OwnerMatchKey } from './owner';
export {
  counterKey,
  needsCounter,
  pickFromTeam,
  planRoute,
  teamSteps,
  type RoutePlan,
  type RouteSource,
  type TeamAttempt,
  type TeamStep,
} from './plan';
export { Overflow, RoutingAction, RoutingRule, STRATEGIES, Strategy, compareRules } from './rules';
export {
  MAX_WEIGHT,
  byRotationOrder,
  leastOpen,
  namedRep,
  roundRobin,
  smoothWeightedCycle,
  weightedRoundRobin,
  type Rotating,
} from './strategies';
