import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Condition, MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, compileCondition } from '../../api/src/domain/conditions';
import type { FieldValue, LeadFacts } from '../../api/src/domain/lead-facts';
import { conditionArb, factsArb, leadFacts, leafArb } from '../helpers/condition-arbitraries';

const baseFacts: LeadFacts = leadFacts();
const withValue = (v: FieldValue | undefined): LeadFacts => ({ ...baseFacts, values: v === undefined ? {} : { x: v } });
const holds = (c: Condition, facts: LeadFacts) => compileCondition(Condition.parse(c))(facts);
const issuesOf = (input: unknown) => {
  const r = Condition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};
const nest = (depth: number): unknown => {
  let c: unknown = { field: 'form', op: 'exists' };
  for (let i = 1; i < depth; i++) c = { not: c };
  return c;
};

describe('Condition schema', () => {
  it('accepts every operator with the value shape it takes', () => {
    const valid: unknown[] = [
      { field: 'values.plan', op: 'eq', value: 'pro' },
      { field: 'values.plan', op: 'neq', value: 3 },
      { field: 'values.plan', op: 'in', value: ['a', 1, true] },
      { field: 'values.plan', op: 'not_in', value: ['a'] },
      { field: 'email.domain', op: 'contains', value: 'acme' },
      { field: 'email.domain', op: 'not_contains', value: 'acme' },
      { field: 'firstTouch.landingPage', op: 'starts_with', value: '/pricing' },
      { field: 'email.domain', op: 'ends_with', value: '.edu' },
      { field: 'values.size', op: 'gt', value: 10 },
      { field: 'values.size', op: 'gte', value: 10 },
      { field: 'values.size', op: 'lt', value: 10 },
      { field: 'values.size', op: 'lte', value: -1.5 },
      { field: 'values.size', op: 'between', value: [1, 1] },
      { field: 'country', op: 'exists' },
      { field: 'lastTouch.campaign', op: 'not_exists' },
      { field: 'email.isFree', op: 'is_true' },
      { field: 'values.agree', op: 'is_false' },
      { all: [] },
      { any: [{ not: { field: 'team', op: 'eq', value: 'team_1' } }] },
    ];
    for (const c of valid) expect(Condition.parse(c)).toEqual(c);
  });

  it('refuses an unknown operator at its path, listing the operators', () => {
    expect(issuesOf({ all: [{ field: 'form', op: 'regex', value: '.*' }] })).toEqual([
      {
        path: ['all', 0, 'op'],
        message: expect.stringMatching(/^Unknown operator "regex"; operators are eq, neq, in/),
      },
    ]);
  });

  it.each([
    [{ field: 'values.x', op: 'in', value: 'DE' }, ['value'], /'in' takes a non-empty array/],
    [{ field: 'values.x', op: 'in', value: [] }, ['value'], /'in' takes a non-empty array/],
    [{ field: 'values.x', op: 'between', value: [5, 1] }, ['value'], /min ≤ max/],
    [{ field: 'values.x', op: 'between', value: [1] }, ['value'], /'between' takes an array \[min, max\]/],
    [{ field: 'values.x', op: 'gt', value: '5' }, ['value'], /'gt' takes a number/],
    [{ field: 'values.x', op: 'contains', value: 5 }, ['value'], /'contains' takes a non-blank string/],
    [{ field: 'values.x', op: 'eq', value: '   ' }, ['value'], /must not be blank/],
    [{ field: 'values.x', op: 'eq', value: null }, ['value'], /'eq' takes one string, number or boolean/],
    [{ field: 'values.x', op: 'eq' }, ['value'], /'eq' takes one string/],
    [{ field: 'values.x', op: 'exists', value: true }, [], /'exists' takes no value/],
    [{ field: 'values.x', op: 'is_true', value: 1 }, [], /'is_true' takes no value/],
    [{ field: 'values.x', op: 'eq', value: 1, note: 'x' }, [], /Unknown key 'note'/],
  ])('refuses a value of the wrong shape for its operator: %j', (input, path, message) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(path);
    expect(issues[0]!.message).toMatch(message);
  });

  it.each([
    'values',
    'values.',
    'values.9lives',
    'values.a.b',
    'firstTouch.utm_source',
    'lastTouch',
    'email',
    'email.local',
    'Form',
    'country.code',
    '',
  ])('refuses the unknown field path %j', (field) => {
    expect(issuesOf({ field, op: 'exists' })).toEqual([
      { path: ['field'], message: expect.stringMatching(/^Unknown field .*; fields are form, values\.<key>/) },
    ]);
  });

  it('refuses operators that cannot apply to the kind of field', () => {
    expect(issuesOf({ field: 'country', op: 'gt', value: 3 })[0]?.message).toMatch(
      /'gt' cannot apply to country, which holds text/,
    );
    expect(issuesOf({ field: 'form', op: 'is_true' })[0]?.message).toMatch(/cannot apply to form/);
    expect(issuesOf({ field: 'email.isFree', op: 'contains', value: 'x' })[0]?.message).toMatch(/holds true\/false/);
    expect(issuesOf({ field: 'email.isFree', op: 'in', value: [true, 'no'] })).toEqual([
      { path: ['value'], message: 'email.isFree holds true/false; compare it with booleans' },
    ]);
  });

  it('refuses a channel name that does not exist, case-insensitively accepting real ones', () => {
    expect(issuesOf({ field: 'firstTouch.channel', op: 'in', value: ['Paid_Search', 'paid_serch'] })).toEqual([
      {
        path: ['value'],
        message: expect.stringMatching(
          /^Unknown value "paid_serch" for firstTouch.channel; expected one of paid_search/,
        ),
      },
    ]);
  });

  it('refuses nodes that are not exactly one of all / any / not / comparison', () => {
    expect(issuesOf({ all: [], any: [] })[0]?.message).toMatch(/found all and any/);
    expect(issuesOf({ all: [], note: 1 })[0]?.message).toMatch(/Unknown key 'note' in an 'all' condition/);
    expect(issuesOf({ all: { field: 'form', op: 'exists' } })).toEqual([
      { path: ['all'], message: "'all' takes an array of conditions" },
    ]);
    expect(issuesOf({ any: [1] })[0]?.path).toEqual(['any', 0]);
    expect(issuesOf('form = x')[0]?.message).toMatch(/^A condition is one of/);
    expect(issuesOf({})[0]?.message).toMatch(/^A condition is one of/);
  });

  it('reports every mistake in document order, each at its own path', () => {
    const issues = issuesOf({
      all: [
        { field: 'nope', op: 'exists' },
        { any: [{ field: 'form', op: 'eq', value: 'a' }, { not: { field: 'form', op: 'like' } }] },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['all', 0, 'field'],
      ['all', 1, 'any', 1, 'not', 'op'],
    ]);
  });

  it('prefixes paths when the condition sits inside another schema (as in a rule body)', () => {
    const Body = z.object({ condition: Condition });
    const r = Body.safeParse({ condition: { not: { field: 'form', op: 'gt', value: 1 } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['condition', 'not', 'op']);
  });

  it(`allows ${MAX_CONDITION_DEPTH} levels of nesting and refuses one more`, () => {
    expect(Condition.safeParse(nest(MAX_CONDITION_DEPTH)).success).toBe(true);
    expect(issuesOf(nest(MAX_CONDITION_DEPTH + 1))[0]?.message).toMatch(/nest at most 8 levels/);
  });

  it(`allows ${MAX_CONDITION_NODES} nodes and refuses one more`, () => {
    const leaves = (n: number) => ({ any: Array.from({ length: n }, () => ({ field: 'form', op: 'exists' })) });
    expect(Condition.safeParse(leaves(MAX_CONDITION_NODES - 1)).success).toBe(true);
    expect(issuesOf(leaves(MAX_CONDITION_NODES))[0]?.message).toMatch(/at most 200 nodes/);
  });

  it('answers a hostile, deeply nested body with an issue instead of overflowing the stack', () => {
    const issues = issuesOf(nest(200_000));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/nest at most/);
  });

  it('caps the number of issues reported for a body full of mistakes', () => {
    const issues = issuesOf({ any: Array.from({ length: 150 }, () => ({ field: 'nope', op: 'nope' })) });
    expect(issues.length).toBeLessThanOrEqual(20);
  });

  it('produces a JSON Schema for the OpenAPI document', () => {
    const schema = JSON.stringify(z.toJSONSchema(Condition, { io: 'input' }));
    expect(schema).toContain('"enum":["eq","neq"]');
    expect(schema).toContain('"$ref"');
  });

  it('accepts every generated condition (the property tests below use valid inputs)', () => {
    fc.assert(fc.property(conditionArb(), (c) => Condition.safeParse(c).success));
  });
});

describe('evaluation', () => {
  it('compares text trimmed and case-insensitively, constants and lead values alike', () => {
    const facts = withValue('  ACME Corp ');
    expect(holds({ field: 'values.x', op: 'eq', value: 'acme corp' }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: ' Acme CORP  ' }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'in', value: ['x', 'ACME CORP'] }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'contains', value: 'ME C' }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'starts_with', value: 'acme' }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'ends_with', value: 'CORP' }, facts)).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: 'acme' }, facts)).toBe(false);
  });

  it('compares by the type of the constant: text as text, numbers numerically, booleans by their words', () => {
    expect(holds({ field: 'values.x', op: 'eq', value: '42' }, withValue(42))).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: 42 }, withValue(' 42.0 '))).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: '42' }, withValue('42.0'))).toBe(false);
    expect(holds({ field: 'values.x', op: 'eq', value: 42 }, withValue('42 EUR'))).toBe(false);
    expect(holds({ field: 'values.x', op: 'eq', value: true }, withValue('Yes'))).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: false }, withValue(0))).toBe(true);
    expect(holds({ field: 'values.x', op: 'eq', value: true }, withValue('maybe'))).toBe(false);
    expect(holds({ field: 'values.x', op: 'gt', value: 10 }, withValue('10.5'))).toBe(true);
  });

  it('includes both bounds of between and respects strictness of gt/lt', () => {
    const at = (v: number) => withValue(v);
    expect(holds({ field: 'values.x', op: 'between', value: [1, 5] }, at(1))).toBe(true);
    expect(holds({ field: 'values.x', op: 'between', value: [1, 5] }, at(5))).toBe(true);
    expect(holds({ field: 'values.x', op: 'between', value: [1, 5] }, at(5.01))).toBe(false);
    expect(holds({ field: 'values.x', op: 'gt', value: 5 }, at(5))).toBe(false);
    expect(holds({ field: 'values.x', op: 'gte', value: 5 }, at(5))).toBe(true);
    expect(holds({ field: 'values.x', op: 'lt', value: 5 }, at(5))).toBe(false);
    expect(holds({ field: 'values.x', op: 'lte', value: 5 }, at(5))).toBe(true);
  });

  it.each([undefined, null, '', '   '])('treats %j as missing: positives false, negatives true', (missing) => {
    const facts = withValue(missing);
    const falseFor: Condition[] = [
      { field: 'values.x', op: 'eq', value: 'x' },
      { field: 'values.x', op: 'in', value: ['x', 0, false] },
      { field: 'values.x', op: 'contains', value: 'x' },
      { field: 'values.x', op: 'starts_with', value: 'x' },
      { field: 'values.x', op: 'ends_with', value: 'x' },
      { field: 'values.x', op: 'gt', value: -1e9 },
      { field: 'values.x', op: 'lt', value: 1e9 },
      { field: 'values.x', op: 'between', value: [-1e9, 1e9] },
      { field: 'values.x', op: 'exists' },
      { field: 'values.x', op: 'is_true' },
      { field: 'values.x', op: 'is_false' },
    ];
    const trueFor: Condition[] = [
      { field: 'values.x', op: 'neq', value: 'x' },
      { field: 'values.x', op: 'not_in', value: ['x'] },
      { field: 'values.x', op: 'not_contains', value: 'x' },
      { field: 'values.x', op: 'not_exists' },
    ];
    for (const c of falseFor) expect(holds(c, facts), JSON.stringify(c)).toBe(false);
    for (const c of trueFor) expect(holds(c, facts), JSON.stringify(c)).toBe(true);
  });

  it('treats every touch field as missing when the lead has no touch', () => {
    expect(holds({ field: 'firstTouch.source', op: 'exists' }, baseFacts)).toBe(false);
    expect(holds({ field: 'lastTouch.channel', op: 'neq', value: 'direct' }, baseFacts)).toBe(true);
  });

  it('reads each field path from its own fact', () => {
    const facts: LeadFacts = {
      formId: 'frm_9',
      values: { size: 12 },
      firstTouch: {
        channel: 'paid_search',
        source: 'google',
        medium: 'cpc',
        campaign: 'spring',
        term: 'crm',
        content: 'ad1',
        landingPage: '/p',
        referrer: 'https://g.co',
      },
      lastTouch: {
        channel: 'email',
        source: 'newsletter',
        medium: 'email',
        campaign: 'may',
        term: null,
        content: null,
        landingPage: '/l',
        referrer: null,
      },
      email: { address: 'ada@acme.com', domain: 'acme.com', isFree: false },
      country: 'DE',
      teamId: 'team_7',
    };
    const expected: Array<[string, string | number | boolean]> = [
      ['form', 'frm_9'],
      ['values.size', 12],
      ['firstTouch.channel', 'paid_search'],
      ['firstTouch.source', 'google'],
      ['firstTouch.medium', 'cpc'],
      ['firstTouch.campaign', 'spring'],
      ['firstTouch.term', 'crm'],
      ['firstTouch.content', 'ad1'],
      ['firstTouch.landingPage', '/p'],
      ['firstTouch.referrer', 'https://g.co'],
      ['lastTouch.channel', 'email'],
      ['lastTouch.source', 'newsletter'],
      ['lastTouch.campaign', 'may'],
      ['lastTouch.landingPage', '/l'],
      ['email.address', 'ada@acme.com'],
      ['email.domain', 'acme.com'],
      ['email.isFree', false],
      ['country', 'de'],
      ['team', 'team_7'],
    ];
    for (const [field, value] of expected) expect(holds({ field, op: 'eq', value }, facts), field).toBe(true);
    expect(holds({ field: 'lastTouch.term', op: 'exists' }, facts)).toBe(false);
  });

  it('never reads inherited properties through values.<key>', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(holds({ field: `values.${key}`, op: 'exists' }, baseFacts), key).toBe(false);
    }
  });
});

describe('laws (property-based)', () => {
  const equivalent = (a: Condition, b: Condition) =>
    fc.assert(fc.property(factsArb, (facts) => compileCondition(a)(facts) === compileCondition(b)(facts)));

  it('not(not(c)) ≡ c', () => {
    fc.assert(
      fc.property(
        conditionArb(),
        factsArb,
        (c, f) => compileCondition({ not: { not: c } })(f) === compileCondition(c)(f),
      ),
    );
  });

  it('all([]) is true and any([]) is false for every lead', () => {
    fc.assert(fc.property(factsArb, (f) => compileCondition({ all: [] })(f) && !compileCondition({ any: [] })(f)));
  });

  it('all([c]) ≡ c ≡ any([c])', () => {
    fc.assert(
      fc.property(conditionArb(), factsArb, (c, f) => {
        const v = compileCondition(c)(f);
        return compileCondition({ all: [c] })(f) === v && compileCondition({ any: [c] })(f) === v;
      }),
    );
  });

  it('De Morgan: not(all(cs)) ≡ any(not cs) and not(any(cs)) ≡ all(not cs)', () => {
    fc.assert(
      fc.property(fc.array(conditionArb(2), { maxLength: 4 }), factsArb, (cs, f) => {
        const negated = cs.map((c) => ({ not: c }));
        return (
          compileCondition({ not: { all: cs } })(f) === compileCondition({ any: negated })(f) &&
          compileCondition({ not: { any: cs } })(f) === compileCondition({ all: negated })(f)
        );
      }),
    );
  });

  it('in [x] ≡ eq x, and in xs ≡ any(eq x for x in xs)', () => {
    const field = fc.constantFrom('values.size', 'values.plan', 'form', 'firstTouch.source', 'country');
    const scalar = fc.oneof(
      fc.constantFrom('DE', ' de', '50', 'yes', 'google', 'TRUE'),
      fc.constantFrom(0, 1, 50, 1.5),
      fc.boolean(),
    );
    fc.assert(
      fc.property(field, fc.array(scalar, { minLength: 1, maxLength: 4 }), factsArb, (f, xs, facts) => {
        const viaIn = compileCondition({ field: f, op: 'in', value: xs })(facts);
        const viaEq = compileCondition({ any: xs.map((x) => ({ field: f, op: 'eq' as const, value: x })) })(facts);
        const single =
          compileCondition({ field: f, op: 'in', value: [xs[0]!] })(facts) ===
          compileCondition({ field: f, op: 'eq', value: xs[0]! })(facts);
        return viaIn === viaEq && single;
      }),
    );
  });

  it('every negative operator is the complement of its positive, missing values included', () => {
    fc.assert(
      fc.property(leafArb, factsArb, (leaf, f) => {
        if (!('op' in leaf)) return true;
        const complement: Record<string, string> = {
          eq: 'neq',
          in: 'not_in',
          contains: 'not_contains',
          exists: 'not_exists',
        };
        const negativeOp = complement[leaf.op];
        if (!negativeOp) return true;
        const negative = { ...leaf, op: negativeOp } as Condition;
        return compileCondition(negative)(f) === !compileCondition(leaf)(f);
      }),
    );
  });

  it('eq true ≡ is_true and eq false ≡ is_false', () => {
    for (const field of ['values.size', 'values.agree', 'email.isFree']) {
      equivalent({ field, op: 'eq', value: true }, { field, op: 'is_true' });
      equivalent({ field, op: 'eq', value: false }, { field, op: 'is_false' });
    }
  });
});
