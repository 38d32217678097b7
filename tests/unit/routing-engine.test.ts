import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, type Condition } from '../../api/src/domain/conditions';
import type { LeadFacts } from '../../api/src/domain/lead-facts';
import {
  RoutingAction,
  RoutingRule,
  compileRules,
  coverOf,
  decide,
  matchRule,
  matchRuleByScan,
  needsCounter,
  ownerMatchKey,
  pickFromTeam,
  planRoute,
  skipReasonOf,
  teamSteps,
  type RepCandidate,
} from '../../api/src/domain/routing';
import { FieldIndex } from '../../api/src/domain/routing/field-index';
import { conditionArb, factsArb, leadFacts, leafArb } from '../helpers/condition-arbitraries';

const facts = leadFacts;
const toTeam = (teamId: string): RoutingAction => ({
  teamId,
  strategy: 'round_robin',
  overflow: { kind: 'unassigned' },
});
const rule = (
  id: string,
  position: number,
  condition: Condition,
  action: RoutingAction = toTeam(`team_${id}`),
  enabled = true,
): RoutingRule => ({
  id,
  position,
  name: `Rule ${id}`,
  condition,
  action,
  enabled,
});
const rep = (id: string, position: number, over: Partial<RepCandidate> = {}): RepCandidate => ({
  id,
  position,
  weight: 1,
  active: true,
  openLeads: 0,
  maxOpenLeads: null,
  ...over,
});
const eq = (field: string, value: string | number | boolean): Condition => ({ field, op: 'eq', value });

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
      rule('early', 1, { field: 'values.company', op: 'contains', value: 'acme' }),
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
    // 10 rules share country C150 (i = 150, 350, … 1950); of those with i ≥ 1500, 1550 is on frm_3.
    const lead = facts({ formId: 'frm_3', values: { country: 'c150', size: 1500 } });
    expect(matchRule(compiled, lead)).toEqual({ rule: compiled.rules[1550], evaluated: 8 });
    expect(matchRuleByScan(compiled, lead)?.evaluated).toBe(1551);
    const nobody = facts({ formId: 'frm_3', values: { country: 'c150', size: 5000 } });
    expect(matchRule(compiled, nobody)).toBeNull();
    expect(planRoute(compiled, nobody).rulesEvaluated).toBe(10);
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

  it('finds no cover where a missing value could satisfy the condition, or for contains', () => {
    expect(coverOf({ any: [eq('form', 'f'), { field: 'values.n', op: 'exists' }] }, none)).toBeNull();
    expect(coverOf({ field: 'form', op: 'neq', value: 'f' }, none)).toBeNull();
    expect(coverOf({ not: { field: 'values.n', op: 'gt', value: 5 } }, none)).toBeNull();
    expect(coverOf({ not: { field: 'form', op: 'starts_with', value: 'f' } }, none)).toBeNull();
    expect(coverOf({ field: 'email.domain', op: 'contains', value: 'edu' }, none)).toBeNull();
    expect(coverOf({ all: [] }, none)).toBeNull();
    expect(coverOf({ any: [] }, none)).toEqual([]);
  });

  it('prefers the conjunct whose values fewer rules share', () => {
    const frequency = new Map([
      ['form\u0000t:f', 500],
      ['values.country\u0000t:de', 3],
    ]);
    expect(coverOf({ all: [eq('form', 'f'), eq('values.country', 'DE')] }, frequency)).toEqual([
      equals('values.country', ['DE']),
    ]);
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

describe('planRoute and teamSteps', () => {
  const fallback = toTeam('team_inbox');
  it('says which rule matched, or the fallback, or none, with the conditions evaluated', () => {
    const rules = [rule('a', 0, eq('country', 'DE'))];
    expect(planRoute(compileRules(rules, { fallback }), facts({ country: 'DE' }))).toEqual({
      source: { kind: 'rule', ruleId: 'a', ruleName: 'Rule a' },
      action: rules[0]!.action,
      rulesEvaluated: 1,
    });
    expect(planRoute(compileRules(rules, { fallback }), facts({ country: 'FR' }))).toEqual({
      source: { kind: 'fallback' },
      action: fallback,
      rulesEvaluated: 0,
    });
    expect(planRoute(compileRules(rules), facts())).toEqual({
      source: { kind: 'none' },
      action: null,
      rulesEvaluated: 0,
    });
  });

  it('tries the overflow team after the rule team, by round robin when the rule names a rep', () => {
    const action = RoutingAction.parse({
      teamId: 't1',
      strategy: 'named_rep',
      repId: 'r1',
      overflow: { kind: 'next_team', teamId: 't2' },
    });
    expect(teamSteps({ source: { kind: 'fallback' }, action, rulesEvaluated: 0 })).toEqual([
      { teamId: 't1', strategy: 'named_rep', namedRepId: 'r1', overflow: false },
      { teamId: 't2', strategy: 'round_robin', namedRepId: null, overflow: true },
    ]);
  });
});

describe('pickFromTeam', () => {
  const step = { teamId: 't1', strategy: 'round_robin' as const, namedRepId: null, overflow: false };
  it('records every rep with the reason it was skipped, in rotation order', () => {
    const reps = [
      rep('e', 4, { openLeads: 3, maxOpenLeads: 3 }),
      rep('a', 0, { active: false, skipReason: 'out_of_office' }),
      rep('b', 1, { skipReason: 'outside_working_hours' }),
      rep('c', 2, { skipReason: 'out_of_office' }),
      rep('d', 3),
      rep('f', 5),
    ];
    expect(pickFromTeam(step, reps, 2)).toEqual({
      teamId: 't1',
      strategy: 'round_robin',
      overflow: false,
      counter: 2,
      chosenRepId: 'f',
      considered: [
        { repId: 'a', outcome: 'inactive' },
        { repId: 'b', outcome: 'outside_working_hours' },
        { repId: 'c', outcome: 'out_of_office' },
        { repId: 'd', outcome: 'available' },
        { repId: 'e', outcome: 'at_capacity' },
        { repId: 'f', outcome: 'chosen' },
      ],
    });
  });

  it('asks for a counter only when a rotating strategy has someone available', () => {
    expect(needsCounter(step, [rep('a', 0, { active: false })])).toBe(false);
    expect(needsCounter(step, [rep('a', 0)])).toBe(true);
    expect(needsCounter({ strategy: 'named_rep' }, [rep('a', 0)])).toBe(false);
    expect(() => pickFromTeam(step, [rep('a', 0)], null)).toThrow(/needs the counter t1:round_robin/);
  });

  it('reports a named rep that is not among the candidates', () => {
    const attempt = pickFromTeam({ ...step, strategy: 'named_rep', namedRepId: 'gone' }, [rep('a', 0)], null);
    expect(attempt.chosenRepId).toBeNull();
    expect(attempt.considered).toEqual([
      { repId: 'a', outcome: 'available' },
      { repId: 'gone', outcome: 'not_found' },
    ]);
  });

  it('treats a rep without a maximum as never at capacity', () => {
    expect(skipReasonOf(rep('a', 0, { openLeads: 10_000, maxOpenLeads: null }))).toBeNull();
    expect(skipReasonOf(rep('a', 0, { openLeads: 2, maxOpenLeads: 3 }))).toBeNull();
  });
});

describe('decide', () => {
  const counters = () => {
    const values = new Map<string, number>();
    return (key: string) => {
      values.set(key, (values.get(key) ?? 0) + 1);
      return values.get(key)!;
    };
  };
  const rr = (teamId: string, extra: Partial<RoutingAction> = {}): RoutingAction => ({ ...toTeam(teamId), ...extra });

  it('spreads 200 leads over 5 available reps exactly 40 each', () => {
    const compiled = compileRules([rule('a', 0, { all: [] }, rr('t1'))]);
    const teams = new Map([['t1', ['a', 'b', 'c', 'd', 'e'].map((id, i) => rep(id, i))]]);
    const next = counters();
    const got = Array.from(
      { length: 200 },
      () => decide({ compiled, facts: facts(), teams, nextCounter: next }).repId!,
    );
    expect(new Set(got.map((id) => got.filter((g) => g === id).length))).toEqual(new Set([40]));
  });

  it('sends the lead to the owner of an earlier lead when available, without touching a counter', () => {
    const compiled = compileRules([rule('a', 0, { all: [] }, rr('t1', { ownerMatching: true }))]);
    const nextCounter = () => {
      throw new Error('no counter expected');
    };
    const decision = decide({
      compiled,
      facts: facts(),
      teams: new Map(),
      nextCounter,
      owner: { ...rep('own', 0), teamId: 't9' },
    });
    expect(decision).toMatchObject({
      strategy: 'owner_match',
      repId: 'own',
      teamId: 't9',
      overflow: 'none',
      attempts: [],
      owner: { repId: 'own', outcome: 'chosen' },
    });
  });

  it('records an unavailable owner and routes by the team instead; ignores owners when the rule does not ask', () => {
    const owner = { ...rep('own', 0, { skipReason: 'out_of_office' as const }), teamId: 't1' };
    const teams = new Map([['t1', [rep('a', 0)]]]);
    const withMatching = compileRules([rule('a', 0, { all: [] }, rr('t1', { ownerMatching: true }))]);
    expect(decide({ compiled: withMatching, facts: facts(), teams, nextCounter: counters(), owner })).toMatchObject({
      owner: { repId: 'own', outcome: 'out_of_office' },
      repId: 'a',
      strategy: 'round_robin',
    });
    const without = compileRules([rule('a', 0, { all: [] }, rr('t1'))]);
    expect(
      decide({
        compiled: without,
        facts: facts(),
        teams,
        nextCounter: counters(),
        owner: { ...owner, skipReason: null },
      }),
    ).toMatchObject({ owner: null, repId: 'a' });
  });

  it('overflows to the next team when nobody in the rule team is available', () => {
    const compiled = compileRules([
      rule('a', 0, { all: [] }, rr('t1', { overflow: { kind: 'next_team', teamId: 't2' } })),
    ]);
    const teams = new Map([
      ['t1', [rep('a', 0, { active: false })]],
      ['t2', [rep('b', 0)]],
    ]);
    const decision = decide({ compiled, facts: facts(), teams, nextCounter: counters() });
    expect(decision).toMatchObject({ overflow: 'next_team', teamId: 't2', repId: 'b', strategy: 'round_robin' });
    expect(decision.attempts.map((a) => [a.teamId, a.counter])).toEqual([
      ['t1', null],
      ['t2', 1],
    ]);
  });

  it('leaves the lead unassigned in the last team tried when nobody anywhere can take it', () => {
    const compiled = compileRules([
      rule('a', 0, { all: [] }, rr('t1', { overflow: { kind: 'next_team', teamId: 't2' } })),
    ]);
    const teams = new Map([['t1', [rep('a', 0, { maxOpenLeads: 0 })]]]);
    expect(decide({ compiled, facts: facts(), teams, nextCounter: counters() })).toMatchObject({
      overflow: 'unassigned',
      teamId: 't2',
      repId: null,
      strategy: null,
    });
  });

  it('says no route when no rule matches and there is no fallback', () => {
    expect(decide({ compiled: compileRules([]), facts: facts(), teams: new Map(), nextCounter: counters() })).toEqual({
      source: { kind: 'none' },
      rulesEvaluated: 0,
      owner: null,
      attempts: [],
      overflow: 'none',
      strategy: null,
      teamId: null,
      repId: null,
    });
  });

  it('produces a decision that survives a JSON round trip (it is stored as an event)', () => {
    const compiled = compileRules([rule('a', 0, eq('form', 'frm_1'), rr('t1'))], { fallback: rr('t2') });
    const decision = decide({
      compiled,
      facts: facts(),
      teams: new Map([['t1', [rep('a', 0), rep('b', 1, { active: false })]]]),
      nextCounter: counters(),
    });
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });
});

describe('ownerMatchKey', () => {
  it('matches companies by domain and free-mail people by address', () => {
    expect(ownerMatchKey(facts({ email: { address: 'ada@acme.com', domain: 'acme.com', isFree: false } }))).toEqual({
      by: 'domain',
      domain: 'acme.com',
    });
    expect(ownerMatchKey(facts({ email: { address: 'ada@gmail.com', domain: 'gmail.com', isFree: true } }))).toEqual({
      by: 'email',
      address: 'ada@gmail.com',
    });
    expect(ownerMatchKey(facts())).toBeNull();
  });
});

describe('rule schemas', () => {
  const body = {
    id: 'rule_1',
    position: 0,
    name: 'DACH',
    condition: eq('country', 'DE'),
    action: { teamId: 't1', strategy: 'round_robin' },
    enabled: true,
  };
  it('defaults the overflow to unassigned', () => {
    expect(RoutingRule.parse(body).action.overflow).toEqual({ kind: 'unassigned' });
  });

  it('refuses named_rep without a rep, a rep with another strategy, and overflow to the same team', () => {
    const paths = (action: unknown) => RoutingAction.safeParse(action).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ teamId: 't1', strategy: 'named_rep' })).toEqual(['repId']);
    expect(paths({ teamId: 't1', strategy: 'least_open', repId: 'r1' })).toEqual(['repId']);
    expect(paths({ teamId: 't1', strategy: 'round_robin', overflow: { kind: 'next_team', teamId: 't1' } })).toEqual([
      'overflow.teamId',
    ]);
    expect(paths({ teamId: 't1', strategy: 'fastest' })).toEqual(['strategy']);
  });

  it('reports a bad condition at its path inside the rule', () => {
    const r = RoutingRule.safeParse({
      ...body,
      condition: { all: [{ field: 'country', op: 'matches', value: 'D.*' }] },
    });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['condition', 'all', 0, 'op']]);
  });
});
