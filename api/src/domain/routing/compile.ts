/**
 * Compiled routing rules and the matcher. Finding the first matching rule by a linear scan costs
 * one condition per rule; a tenant with 10,000 territory or named-account rules would pay that on
 * every lead. Instead each rule is filed in an index under a test it requires (cover.ts: a value,
 * a pair of values, a number range, a prefix, suffix or substring), and a lead looks up its own
 * values there (field-index.ts, tuple-index.ts):
 * only the rules filed under them, plus the few rules that have no cover, are evaluated, still in
 * rule order, so the answer is the linear scan's.
 */
import { compileCondition, parseFieldPath } from '../conditions';
import type { CompiledCondition } from '../conditions';
import type { LeadFacts } from '../lead-facts';
import { countKeys, coverOf } from './cover';
import { FieldIndex } from './field-index';
import { TupleIndex } from './tuple-index';
import { compareRules, type RoutingAction, type RoutingRule } from './rules';

export interface CompiledRules {
  /** Enabled rules in the order they are tried. */
  readonly rules: readonly RoutingRule[];
  readonly tests: readonly CompiledCondition[];
  readonly indexes: readonly FieldIndex[];
  readonly tupleIndexes: readonly TupleIndex[];
  /** Orders of the rules with no cover: candidates for every lead. */
  readonly unindexed: readonly number[];
  /** The route for leads no rule matches; null leaves them unassigned. */
  readonly fallback: RoutingAction | null;
}

export interface RuleMatch {
  rule: RoutingRule;
  /** Conditions evaluated to find it: the work done, and part of the explanation. */
  evaluated: number;
}

/**
 * Compiles a tenant's rules once (when they load or change); match leads with `matchRule`.
 * Disabled rules are dropped; order is `position`, then `id`.
 * @example
 * const compiled = compileRules(rules, { fallback: { teamId: 'team_inbox', strategy: 'round_robin', overflow: { kind: 'unassigned' } } });
 * matchRule(compiled, facts); // { rule, evaluated: 3 } or null
 */
export function compileRules(
  rules: readonly RoutingRule[],
  options: { fallback?: RoutingAction | null } = {},
): CompiledRules {
  const enabled = rules.filter((r) => r.enabled).sort(compareRules);
  const frequency = new Map<string, number>();
  for (const rule of enabled) countKeys(rule.condition, frequency);

  const readerOf = (field: string) => {
    const spec = parseFieldPath(field);
    if (!spec) throw new Error(`Unknown field path ${JSON.stringify(field)}`);
    return spec.read;
  };
  const indexes = new Map<string, FieldIndex>();
  const indexFor = (field: string) => {
    let index = indexes.get(field);
    if (!index) indexes.set(field, (index = new FieldIndex(readerOf(field))));
    return index;
  };
  const tupleIndexes = new Map<string, TupleIndex>();
  const tupleIndexFor = (fields: readonly [string, string]) => {
    const key = fields.join('\u0000');
    let index = tupleIndexes.get(key);
    if (!index) tupleIndexes.set(key, (index = new TupleIndex(readerOf(fields[0]), readerOf(fields[1]))));
    return index;
  };
  const unindexed: number[] = [];
  enabled.forEach((rule, order) => {
    const cover = coverOf(rule.condition, frequency);
    if (cover === null) unindexed.push(order);
    else
      for (const atom of cover) {
        // An empty cover never matches: the rule is filed nowhere.
        if (atom.kind === 'tuple') tupleIndexFor(atom.fields).add(atom, order);
        else indexFor(atom.field).add(atom, order);
      }
  });
  for (const index of indexes.values()) index.finish();
  return {
    rules: enabled,
    tests: enabled.map((r) => compileCondition(r.condition)),
    indexes: [...indexes.values()],
    tupleIndexes: [...tupleIndexes.values()],
    unindexed,
    fallback: options.fallback ?? null,
  };
}

/** The buckets a lead's facts fall into, plus the unindexed list. */
function candidateLists(compiled: CompiledRules, facts: LeadFacts): (readonly number[])[] {
  const lists: (readonly number[])[] = compiled.unindexed.length > 0 ? [compiled.unindexed] : [];
  for (const index of compiled.indexes) index.collect(index.read(facts), lists);
  for (const index of compiled.tupleIndexes) index.collect(facts, lists);
  return lists;
}

/** Index of the first matching rule (-1 if none) and the number of conditions evaluated. */
export function findFirstMatch(compiled: CompiledRules, facts: LeadFacts): { order: number; evaluated: number } {
  const lists = candidateLists(compiled, facts);
  const heads = new Array<number>(lists.length).fill(0);
  let evaluated = 0;
  let previous = -1;
  // Lazy k-way merge of ascending lists: evaluation stops at the first match, so candidates after
  // it are never even merged. k is small (a few buckets per indexed field).
  for (;;) {
    let next = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!;
      let h = heads[i]!;
      while (h < list.length && list[h]! <= previous) h++;
      heads[i] = h;
      if (h < list.length && list[h]! < next) next = list[h]!;
    }
    if (next === Infinity) return { order: -1, evaluated };
    evaluated++;
    if (compiled.tests[next]!(facts)) return { order: next, evaluated };
    previous = next;
  }
}

/**
 * The first enabled rule, by position, whose condition holds for the lead; null if none does.
 * @example matchRule(compiled, facts)?.rule.id // 'rule_01J…'
 */
export function matchRule(compiled: CompiledRules, facts: LeadFacts): RuleMatch | null {
  const { order, evaluated } = findFirstMatch(compiled, facts);
  return order < 0 ? null : { rule: compiled.rules[order]!, evaluated };
}

/** The same answer by a plain scan of every rule in order: the reference and the bench baseline. */
export function matchRuleByScan(compiled: CompiledRules, facts: LeadFacts): RuleMatch | null {
  for (let order = 0; order < compiled.tests.length; order++) {
    if (compiled.tests[order]!(facts)) return { rule: compiled.rules[order]!, evaluated: order + 1 };
  }
  return null;
}
