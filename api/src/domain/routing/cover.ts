/**
 * Finds, for a condition, a set of simple tests one of which must pass whenever the condition holds
 * (its "cover"). The rule index files a rule under its cover, so a lead only needs the rules filed
 * under its own values, plus the few rules with no cover.
 *
 *   { field: 'country', op: 'eq', value: 'DE' }                 → country = DE
 *   { all: [{ form = f1 }, { values.size gt 50 }] }             → form = f1 (one conjunct suffices)
 *   { any: [{ firstTouch.campaign = x }, { lastTouch.campaign = x }] } → either (every branch needed)
 *   { not: { field: 'country', op: 'not_in', value: [...] } }  → country in [...] (negation pushed down)
 *   { field: 'values.size', op: 'between', value: [10, 50] }   → values.size in the range 10..50
 *   { field: 'firstTouch.landingPage', op: 'starts_with', value: '/pricing' } → that prefix
 *   { all: [{ country = DE }, { values.state = BY }] }          → (country, values.state) = (DE, BY)
 *   { field: 'firstTouch.referrer', op: 'contains', value: 'partner' } → that substring (3+ characters)
 *   { field: 'values.industry', op: 'not_in', value: [...] }   → none: the rule stays unindexed
 *
 * Sound because the index reads values with the evaluator's coercions (conditions/values.ts) and
 * every negative operator is the exact complement of its positive one. Ranges, prefixes and
 * suffixes only cover positive comparisons: `not (size gt 5)` also holds for a missing size.
 */
import type { Condition, LeafCondition, Scalar } from '../conditions';
import { normalizeText } from '../conditions';

/** One simple test on one field; a cover is a list of them, joined by "or". */
export type CoverAtom =
  | { kind: 'equals'; field: string; constants: readonly Scalar[] }
  /** The numeric reading lies in [min, max] (a superset of gt/lt's open bounds; the rule is still evaluated). */
  | { kind: 'range'; field: string; min: number; max: number }
  /** The normalized text starts (prefix) or ends (suffix) with `text`, itself normalized. */
  | { kind: 'prefix' | 'suffix'; field: string; text: string }
  /** The normalized text contains `text` (at least MIN_SUBSTRING characters). */
  | { kind: 'substring'; field: string; text: string }
  /**
   * Two equalities on two fields at once, for a conjunction: a rule of a territory (country and
   * state) is found under the lead's pair of values, not under every lead of the country.
   * `keys[i]` are the value keys (valueKey) of `fields[i]`, fields sorted by name.
   */
  | { kind: 'tuple'; fields: readonly [string, string]; keys: readonly [readonly string[], readonly string[]] };

/** `[]` means the condition can never hold; null that no cover was found. */
export type Cover = CoverAtom[] | null;

/** How many rules' leaves use each index key: the expected size of its bucket. */
export type KeyFrequency = ReadonlyMap<string, number>;

/** The frequency key of a (field, constant) equality. */
export function equalityKey(field: string, constant: Scalar): string {
  return `${field}\u0000${valueKey(constant)}`;
}
/** Shortest `contains` text the index files (by one of its trigrams); shorter ones stay unindexed. */
export const MIN_SUBSTRING = 3;
/** Most value pairs a tuple atom may file a rule under (`in` lists multiply). */
const MAX_TUPLE_KEYS = 64;

/** The key of an equality constant, typed as the evaluator compares it (see ScalarSet). */
export function valueKey(constant: Scalar): string {
  return typeof constant === 'string'
    ? `t:${normalizeText(constant)}`
    : typeof constant === 'number'
      ? `n:${constant}`
      : `b:${constant}`;
}

const rangeKey = (field: string) => `${field}\u0000range`;
const affixKey = (kind: 'prefix' | 'suffix', field: string, text: string) =>
  `${field}\u0000${kind}:${normalizeText(text)}`;

function leafCover(c: LeafCondition, negated: boolean): Cover {
  const field = c.field;
  if (negated) {
    if (c.op === 'neq') return [{ kind: 'equals', field, constants: [c.value] }];
    if (c.op === 'not_in') return [{ kind: 'equals', field, constants: c.value }];
    if (c.op === 'not_contains') return substringCover(field, c.value);
    return null;
  }
  switch (c.op) {
    case 'eq':
      return [{ kind: 'equals', field, constants: [c.value] }];
    case 'in':
      return [{ kind: 'equals', field, constants: c.value }];
    case 'is_true':
    case 'is_false':
      return [{ kind: 'equals', field, constants: [c.op === 'is_true'] }];
    case 'gt':
    case 'gte':
      return [{ kind: 'range', field, min: c.value, max: Infinity }];
    case 'lt':
    case 'lte':
      return [{ kind: 'range', field, min: -Infinity, max: c.value }];
    case 'between':
      return [{ kind: 'range', field, min: c.value[0], max: c.value[1] }];
    case 'starts_with':
      return [{ kind: 'prefix', field, text: normalizeText(c.value) }];
    case 'ends_with':
      return [{ kind: 'suffix', field, text: normalizeText(c.value) }];
    case 'contains':
      return substringCover(field, c.value);
    default:
      return null;
  }
}

function substringCover(field: string, value: string): Cover {
  const text = normalizeText(value);
  return text.length >= MIN_SUBSTRING ? [{ kind: 'substring', field, text }] : null;
}

/** Expected candidates an atom brings in. A range bucket holds about half the field's ranges. */
function atomCost(atom: CoverAtom, frequency: KeyFrequency): number {
  if (atom.kind === 'equals')
    return atom.constants.reduce<number>((sum, c) => sum + (frequency.get(equalityKey(atom.field, c)) ?? 1), 0);
  if (atom.kind === 'range') return 1 + (frequency.get(rangeKey(atom.field)) ?? 1) / 2;
  if (atom.kind === 'tuple') return atom.keys[0].length * atom.keys[1].length;
  if (atom.kind === 'substring') return 1;
  return frequency.get(affixKey(atom.kind, atom.field, atom.text)) ?? 1;
}

/**
 * The cheapest cover of `c` (or of `not c` when `negated`), judged by `frequency`.
 * @example coverOf({ field: 'form', op: 'eq', value: 'frm_1' }, new Map()) // [{ kind: 'equals', field: 'form', constants: ['frm_1'] }]
 */
export function coverOf(c: Condition, frequency: KeyFrequency, negated = false): Cover {
  if ('not' in c) return coverOf(c.not, frequency, !negated);
  if ('field' in c) return leafCover(c, negated);
  const children = 'all' in c ? c.all : c.any;
  // De Morgan: all under negation behaves as any, and any as all.
  const conjunction = 'all' in c !== negated;
  if (conjunction) {
    let best: CoverAtom[] | null = null;
    let bestCost = Infinity;
    const equalities: Array<{ atom: Extract<CoverAtom, { kind: 'equals' }>; cost: number }> = [];
    for (const child of children) {
      const cover = coverOf(child, frequency, negated);
      if (cover === null) continue;
      const cost = cover.reduce((sum, atom) => sum + atomCost(atom, frequency), 0);
      if (cover.length === 1 && cover[0]!.kind === 'equals') equalities.push({ atom: cover[0]!, cost });
      if (cost < bestCost) [best, bestCost] = [cover, cost];
    }
    const tuple = tupleOf(equalities);
    // A pair of values is shared by far fewer rules than either value alone.
    if (tuple && tuple.cost < bestCost) return [tuple.atom];
    return best;
  }
  const union: CoverAtom[] = [];
  for (const child of children) {
    const cover = coverOf(child, frequency, negated);
    if (cover === null) return null;
    union.push(...cover);
  }
  return union;
}

/** The two cheapest equalities on two different fields, as one tuple atom; null if there are none. */
function tupleOf(
  equalities: Array<{ atom: Extract<CoverAtom, { kind: 'equals' }>; cost: number }>,
): { atom: CoverAtom; cost: number } | null {
  const sorted = [...equalities].sort((a, b) => a.cost - b.cost);
  const first = sorted[0];
  const second = sorted.find((e) => e.atom.field !== first?.atom.field);
  if (!first || !second) return null;
  const [a, b] = first.atom.field < second.atom.field ? [first, second] : [second, first];
  const keys = [[...new Set(a.atom.constants.map(valueKey))], [...new Set(b.atom.constants.map(valueKey))]] as const;
  if (keys[0].length * keys[1].length > MAX_TUPLE_KEYS) return null;
  return {
    atom: { kind: 'tuple', fields: [a.atom.field, b.atom.field], keys },
    cost: Math.min(first.cost, second.cost) / 2,
  };
}

/** Counts the index keys each leaf of a condition could be filed under, whatever its polarity. */
export function countKeys(c: Condition, into: Map<string, number>): void {
  if ('not' in c) {
    countKeys(c.not, into);
    return;
  }
  if ('all' in c || 'any' in c) {
    for (const child of 'all' in c ? c.all : c.any) countKeys(child, into);
    return;
  }
  const bump = (key: string) => into.set(key, (into.get(key) ?? 0) + 1);
  if (c.op === 'eq' || c.op === 'neq') bump(equalityKey(c.field, c.value));
  else if (c.op === 'in' || c.op === 'not_in') c.value.forEach((v) => bump(equalityKey(c.field, v)));
  else if (c.op === 'gt' || c.op === 'gte' || c.op === 'lt' || c.op === 'lte' || c.op === 'between')
    bump(rangeKey(c.field));
  else if (c.op === 'starts_with') bump(affixKey('prefix', c.field, c.value));
  else if (c.op === 'ends_with') bump(affixKey('suffix', c.field, c.value));
}
