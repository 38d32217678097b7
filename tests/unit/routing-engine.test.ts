import { describe, expect, it } from 'vitest';
import {
  RoutingAction,
  RoutingRule,
  compileRules,
  decide,
  needsCounter,
  ownerMatchKey,
  pickFromTeam,
  planRoute,
  skipReasonOf,
  teamSteps,
} from '../../api/src/domain/routing';
import { eq, facts, rep, rule, toTeam } from '../helpers/routing-builders';

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
