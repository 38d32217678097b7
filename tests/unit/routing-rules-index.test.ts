/** The rule index: matchRule against a linear scan, and what each rule is filed under. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, type Condition } from '../../api/src/domain/conditions';
import type { LeadFacts } from '../../api/src/domain/lead-facts';
import {
  type RoutingRule,
  compileRules,
  coverOf,
  matchRule,
  matchRuleByScan,
  planRoute,
} from '../../api/src/domain/routing';
import { FieldIndex } from '../../api/src/domain/routing/field-index';
import { conditionArb, factsArb, leafArb } from '../helpers/condition-arbitraries';
import { eq, facts, rule } from '../helpers/routing-builders';

/** The reference: every enabled rule, by position then id, evaluated one after another. */
function linearScan(rules: RoutingRule[], lead: LeadFacts): string | null {
  const ordered = rules
    .filter((r) => r.enabled)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.find((r) => compileCondition(r.condition)(lead))?.id ?? null;
}

describe('matchRule', () => {
  it('returns the first enabled rule by position, ties broken by id', () => {
    const rules = [
      rule('b', 1, eq('form', 'frm_1')),
      rule('a', 1, eq('form', 'frm_1')),
      rule('c', 0, eq('form', 'frm_1'), undefined, false),
    ];
    expect(matchRule(compileRules(rules), facts())?.rule.id).toBe('a');
  });

  it('lets an earlier rule without an index key win over a later indexed one', () => {
    const rules = [
      rule('late', 5, eq('form', 'frm_1')),
      rule('early', 1, { field: 'values.company', op: 'not_in', value: ['Initech'] }),
    ];
    expect(matchRule(compileRules(rules), facts({ values: { company: 'The ACME Corp' } }))).toEqual({
      rule: rules[1],
      evaluated: 1,
    });
    expect(matchRule(compileRules(rules), facts({ values: { company: 'Initech' } }))).toEqual({
      rule: rules[0],
      evaluated: 2,
    });
  });

  it('evaluates only the rules filed under the lead values, not all of them', () => {
    const rules = Array.from({ length: 2000 }, (_, i) =>
      rule(`r${String(i).padStart(4, '0')}`, i, {
        all: [
          eq('values.country', `C${i % 200}`),
          eq('form', `frm_${i % 7}`),
          { field: 'values.size', op: 'lte', value: i },
        ],
      }),
    );
    const compiled = compileRules(rules);
    // 10 rules share country C150 (i = 150, 350, … 1950), 2 of them also frm_3 (150 and 1550): the
    // rules are filed under the pair (country, form), so only those 2 are evaluated.
    const lead = facts({ formId: 'frm_3', values: { country: 'c150', size: 1500 } });
    expect(matchRule(compiled, lead)).toEqual({ rule: compiled.rules[1550], evaluated: 2 });
    expect(matchRuleByScan(compiled, lead)?.evaluated).toBe(1551);
    const nobody = facts({ formId: 'frm_3', values: { country: 'c150', size: 5000 } });
    expect(matchRule(compiled, nobody)).toBeNull();
    expect(planRoute(compiled, nobody).rulesEvaluated).toBe(2);
  });

  it('evaluates a rule filed under several matching keys only once', () => {
    const r = rule('x', 0, {
      all: [
        { any: [eq('firstTouch.source', 'google'), eq('lastTouch.source', 'GOOGLE')] },
        { field: 'values.n', op: 'in', value: ['5', 5] },
        { not: { field: 'form', op: 'exists' } },
      ],
    });
    const touch = {
      channel: 'paid_search' as const,
      source: 'google',
      medium: null,
      campaign: null,
      term: null,
      content: null,
      landingPage: null,
      referrer: null,
    };
    const lead = facts({ firstTouch: touch, lastTouch: touch, values: { n: '5' } });
    expect(matchRule(compileRules([r]), lead)).toBeNull();
    const plan = planRoute(compileRules([r]), lead);
    expect(plan.rulesEvaluated).toBe(1);
  });

  it('never evaluates a rule that cannot match, such as any([])', () => {
    const compiled = compileRules([rule('never', 0, { any: [] }), rule('yes', 1, { all: [] })]);
    expect(matchRule(compiled, facts())).toEqual({ rule: compiled.rules[1], evaluated: 1 });
  });

  it('gives the linear scan answer for random rule sets and leads', () => {
    const indexable = fc.oneof(
      leafArb,
      fc.record({ all: fc.tuple(leafArb, conditionArb(2)).map(([a, b]) => [a, b]) }),
      fc.record({ any: fc.array(leafArb, { maxLength: 3 }) }),
      // Conjunctions of comparisons: pairs of equalities become tuple covers.
      fc.record({ all: fc.array(leafArb, { minLength: 2, maxLength: 3 }) }),
    );
    const ruleArb = fc.record({
      position: fc.nat(20),
      condition: fc.oneof(conditionArb(3), indexable),
      enabled: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    });
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 40 }),
        fc.array(factsArb, { minLength: 1, maxLength: 8 }),
        (specs, leads) => {
          const rules = specs.map((s, i) =>
            rule(`r${String(i).padStart(3, '0')}`, s.position, s.condition, undefined, s.enabled),
          );
          const compiled = compileRules(rules);
          return leads.every((lead) => {
            const indexed = matchRule(compiled, lead);
            const scanned = matchRuleByScan(compiled, lead);
            const expected = linearScan(rules, lead);
            return (
              indexed?.rule.id === (expected ?? undefined) &&
              scanned?.rule.id === (expected ?? undefined) &&
              (!indexed || indexed.evaluated <= scanned!.evaluated)
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('coverOf (what a rule is indexed by)', () => {
  const none = new Map<string, number>();
  const equals = (field: string, constants: unknown[]) => ({ kind: 'equals', field, constants });
  it('takes one conjunct of all, every branch of any, and pushes not down', () => {
    expect(coverOf({ all: [{ field: 'values.n', op: 'exists' }, eq('form', 'f')] }, none)).toEqual([
      equals('form', ['f']),
    ]);
    expect(coverOf({ any: [eq('form', 'f'), { field: 'country', op: 'in', value: ['DE', 'AT'] }] }, none)).toEqual([
      equals('form', ['f']),
      equals('country', ['DE', 'AT']),
    ]);
    expect(coverOf({ not: { field: 'country', op: 'not_in', value: ['DE'] } }, none)).toEqual([
      equals('country', ['DE']),
    ]);
    expect(
      coverOf(
        {
          not: {
            any: [
              { field: 'form', op: 'neq', value: 'f' },
              { field: 'values.n', op: 'exists' },
            ],
          },
        },
        none,
      ),
    ).toEqual([equals('form', ['f'])]);
    expect(coverOf({ field: 'email.isFree', op: 'is_false' }, none)).toEqual([equals('email.isFree', [false])]);
  });

  it('covers number comparisons by a range and starts_with / ends_with by their text, normalized', () => {
    expect(coverOf({ field: 'values.n', op: 'gt', value: 5 }, none)).toEqual([
      { kind: 'range', field: 'values.n', min: 5, max: Infinity },
    ]);
    expect(coverOf({ field: 'values.n', op: 'lte', value: 5 }, none)).toEqual([
      { kind: 'range', field: 'values.n', min: -Infinity, max: 5 },
    ]);
    expect(coverOf({ field: 'values.n', op: 'between', value: [1, 2] }, none)).toEqual([
      { kind: 'range', field: 'values.n', min: 1, max: 2 },
    ]);
    expect(coverOf({ field: 'firstTouch.landingPage', op: 'starts_with', value: ' /Pricing' }, none)).toEqual([
      { kind: 'prefix', field: 'firstTouch.landingPage', text: '/pricing' },
    ]);
    expect(coverOf({ field: 'email.domain', op: 'ends_with', value: '.EDU' }, none)).toEqual([
      { kind: 'suffix', field: 'email.domain', text: '.edu' },
    ]);
  });

  it('finds no cover where a missing value could satisfy the condition, or for a contains under 3 characters', () => {
    expect(coverOf({ any: [eq('form', 'f'), { field: 'values.n', op: 'exists' }] }, none)).toBeNull();
    expect(coverOf({ field: 'form', op: 'neq', value: 'f' }, none)).toBeNull();
    expect(coverOf({ not: { field: 'values.n', op: 'gt', value: 5 } }, none)).toBeNull();
    expect(coverOf({ not: { field: 'form', op: 'starts_with', value: 'f' } }, none)).toBeNull();
    expect(coverOf({ field: 'email.domain', op: 'contains', value: 'ed' }, none)).toBeNull();
    expect(coverOf({ field: 'values.industry', op: 'not_in', value: ['saas'] }, none)).toBeNull();
    expect(coverOf({ all: [] }, none)).toBeNull();
    expect(coverOf({ any: [] }, none)).toEqual([]);
  });

  it('prefers the conjunct whose values fewer rules share', () => {
    const frequency = new Map([
      ['form\u0000t:f', 500],
      ['values.country\u0000t:de', 3],
    ]);
    expect(coverOf({ all: [eq('form', 'f'), { field: 'values.n', op: 'gt', value: 5 }] }, frequency)).toEqual([
      { kind: 'range', field: 'values.n', min: 5, max: Infinity },
    ]);
  });

  it('covers two equalities of a conjunction by the pair of their values, keyed as the evaluator compares', () => {
    const condition: Condition = {
      all: [
        eq('values.country', ' DE '),
        { field: 'form', op: 'in', value: ['f1', 'f2'] },
        { field: 'values.n', op: 'eq', value: 5 },
      ],
    };
    const frequency = new Map([['values.n\u0000n:5', 50]]);
    expect(coverOf(condition, frequency)).toEqual([
      { kind: 'tuple', fields: ['form', 'values.country'], keys: [['t:f1', 't:f2'], ['t:de']] },
    ]);
    const rules = [rule('pair', 0, condition), rule('other', 1, eq('values.country', 'DE'))];
    const compiled = compileRules(rules);
    const lead = facts({ formId: 'F2', values: { country: 'de', n: '5.0' } });
    expect(matchRule(compiled, lead)).toEqual({ rule: rules[0], evaluated: 1 });
    expect(matchRule(compiled, facts({ formId: 'f3', values: { country: 'de', n: 6 } }))).toEqual({
      rule: rules[1],
      evaluated: 1,
    });
  });

  it('covers contains and not(not_contains) by the text, found through its rarest trigram', () => {
    expect(coverOf({ field: 'firstTouch.referrer', op: 'contains', value: ' Partner17' }, none)).toEqual([
      { kind: 'substring', field: 'firstTouch.referrer', text: 'partner17' },
    ]);
    expect(coverOf({ not: { field: 'values.company', op: 'not_contains', value: 'acme' } }, none)).toEqual([
      { kind: 'substring', field: 'values.company', text: 'acme' },
    ]);
    const rules = Array.from({ length: 300 }, (_, i) =>
      rule(`r${String(i).padStart(3, '0')}`, i, { field: 'values.company', op: 'contains', value: `partner${i}` }),
    );
    const compiled = compileRules(rules);
    const lead = facts({ values: { company: 'via PARTNER217 program' } });
    const found = matchRule(compiled, lead);
    expect(found?.rule.id).toBe('r002'); // 'partner2' is a substring of 'partner217', and comes first
    expect(found!.evaluated).toBeLessThan(10);
    expect(matchRule(compiled, facts({ values: { company: 'nobody' } }))).toBeNull();
  });

  it('files a range in every band it overlaps, so a lookup finds every range holding the value', () => {
    const ranges = fc.sample(
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 300 }), fc.nat(2)),
      { numRuns: 500, seed: 3 },
    );
    const index = new FieldIndex((f) => f.values.n);
    const atoms = ranges.map(([a, width, kind]) =>
      kind === 0 ? { min: a, max: a + width } : kind === 1 ? { min: a, max: Infinity } : { min: -Infinity, max: a },
    );
    atoms.forEach((r, order) => index.add({ kind: 'range', field: 'values.n', ...r }, order));
    index.finish();
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1500, max: 1500 }), fc.double({ min: -2000, max: 2000, noNaN: true })),
        (n) => {
          const lists: (readonly number[])[] = [];
          index.collect(n, lists);
          const found = new Set(lists.flat());
          return (
            atoms.every((r, order) => !(r.min <= n && n <= r.max) || found.has(order)) &&
            lists.every((l) => l.every((o, i) => i === 0 || l[i - 1]! < o))
          );
        },
      ),
    );
  });

  it('finds every rule whose range holds the value, with many distinct bounds (banded index)', () => {
    const rand = fc.sample(
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 300 }), fc.nat(3)),
      { numRuns: 600, seed: 7 },
    );
    const rules = rand.map(([a, width, kind], i) => {
      const field = 'values.n';
      const condition: Condition =
        kind === 0
          ? { field, op: 'between', value: [a, a + width] }
          : kind === 1
            ? { field, op: 'gte', value: a }
            : kind === 2
              ? { field, op: 'lt', value: a }
              : { field, op: 'eq', value: a };
      return rule(`r${String(i).padStart(4, '0')}`, i, condition);
    });
    const compiled = compileRules(rules);
    for (const n of [-5000, -1000, -999.5, -1, 0, 0.5, 1, 17, 999, 1000, 1300, 5000, '250', ' 12.5 ', 'abc']) {
      const lead = facts({ values: { n } });
      expect(matchRule(compiled, lead)?.rule.id, `n = ${n}`).toBe(linearScan(rules, lead) ?? undefined);
    }
  });
});
