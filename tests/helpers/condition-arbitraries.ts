/**
 * fast-check arbitraries for conditions and lead facts drawn from one small universe of fields and
 * values, so that random conditions actually hit random leads often (tricky spellings included:
 * padded and upper-case text, numeric text, boolean words, blanks, missing touches).
 */
import fc from 'fast-check';
import type { Condition } from '../../api/src/domain/conditions';
import type { FieldValue, LeadFacts, TouchFacts } from '../../api/src/domain/lead-facts';

const TEXT_POOL = [
  'DE',
  ' de ',
  'AT',
  'acme.com',
  'ACME.COM',
  'google',
  'Google ',
  '50',
  '50.0',
  'yes',
  'no',
  'true',
  'x',
];
const NUMBER_POOL = [0, 1, 50, -3, 1.5, 100];
const RAW_POOL: FieldValue[] = [...TEXT_POOL, ...NUMBER_POOL, true, false, null, '', '   '];

const scalar = fc.oneof(
  fc.constantFrom(...TEXT_POOL.filter((t) => t.trim() !== '')),
  fc.constantFrom(...NUMBER_POOL),
  fc.boolean(),
);
const rawValue = fc.constantFrom(...RAW_POOL);
const maybeText = fc.option(fc.constantFrom('google', ' Google', 'bing', 'acme.com', 'DE'), { nil: null });

const ANY_FIELDS = ['values.size', 'values.plan', 'values.agree', 'values.absent'];
const TEXT_FIELDS = ['form', 'country', 'firstTouch.source', 'lastTouch.campaign', 'email.domain', 'team'];

const anyFieldLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constantFrom('eq' as const, 'neq' as const),
    value: scalar,
  }),
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constantFrom('contains' as const, 'not_contains' as const, 'starts_with' as const, 'ends_with' as const),
    value: fc.constantFrom('de', 'ACME', '5', 'o', 'oog', 'me.co', '50.'),
  }),
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: fc.constantFrom(...NUMBER_POOL),
  }),
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constant('between' as const),
    value: fc.constantFrom<[number, number]>([0, 1], [1, 50], [-5, 0]),
  }),
  fc.record({
    field: fc.constantFrom(...ANY_FIELDS),
    op: fc.constantFrom('exists' as const, 'not_exists' as const, 'is_true' as const, 'is_false' as const),
  }),
);

const textFieldLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...TEXT_FIELDS),
    op: fc.constantFrom('eq' as const, 'neq' as const),
    value: scalar,
  }),
  fc.record({
    field: fc.constantFrom(...TEXT_FIELDS),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ field: fc.constantFrom(...TEXT_FIELDS), op: fc.constantFrom('exists' as const, 'not_exists' as const) }),
);

const booleanFieldLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constant('email.isFree'),
    op: fc.constantFrom('eq' as const, 'neq' as const),
    value: fc.boolean(),
  }),
  fc.record({
    field: fc.constant('email.isFree'),
    op: fc.constantFrom('is_true' as const, 'is_false' as const, 'exists' as const),
  }),
);

/** A valid comparison (it passes the Condition schema). */
export const leafArb: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 3, arbitrary: anyFieldLeaf },
  { weight: 3, arbitrary: textFieldLeaf },
  { weight: 1, arbitrary: booleanFieldLeaf },
);

/** A valid condition tree, at most `depth` levels of all/any/not above the comparisons. */
export function conditionArb(depth = 3): fc.Arbitrary<Condition> {
  const { tree } = fc.letrec<{ tree: Condition }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      { weight: 4, arbitrary: leafArb },
      fc.record({ all: fc.array(tie('tree'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('tree'), { maxLength: 3 }) }),
      fc.record({ not: tie('tree') }),
    ),
  }));
  return tree;
}

const touchArb: fc.Arbitrary<TouchFacts | null> = fc.option(
  fc.record({
    channel: fc.constantFrom('paid_search' as const, 'organic_search' as const, 'direct' as const),
    source: maybeText,
    medium: maybeText,
    campaign: maybeText,
    term: fc.constant(null),
    content: fc.constant(null),
    landingPage: fc.constant(null),
    referrer: fc.constant(null),
  }),
  { nil: null },
);

/** Lead facts over the same universe; `values` keys may be absent. */
export const factsArb: fc.Arbitrary<LeadFacts> = fc.record({
  formId: fc.constantFrom('frm_a', 'frm_b', 'DE'),
  values: fc.record({ size: rawValue, plan: rawValue, agree: rawValue }, { requiredKeys: [] }) as fc.Arbitrary<
    Record<string, FieldValue>
  >,
  firstTouch: touchArb,
  lastTouch: touchArb,
  email: fc.oneof(
    fc.constant({ address: null, domain: null, isFree: null }),
    fc
      .constantFrom('acme.com', 'gmail.com')
      .map((domain) => ({ address: `ada@${domain}`, domain, isFree: domain === 'gmail.com' })),
  ),
  country: fc.constantFrom(null, 'DE', 'AT', 'US'),
  teamId: fc.constantFrom(null, 'team_a', 'google'),
});

/** A lead with no facts at all; `over` fills in what a test is about. */
export const leadFacts = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  formId: 'frm_1',
  values: {},
  firstTouch: null,
  lastTouch: null,
  email: { address: null, domain: null, isFree: null },
  country: null,
  teamId: null,
  ...over,
});
