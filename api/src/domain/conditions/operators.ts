/**
 * The operators of the condition language, grouped by the shape of `value` they take, and the zod
 * schema of a single comparison (a "leaf"). There is deliberately no regex operator: a customer's
 * pattern would run on every lead, and a catastrophic one (ReDoS) would stall the submit path.
 */
import { z } from '../zod';
import { FIELD_PATHS_HELP, parseFieldPath } from './fields';

const MAX_TEXT_LENGTH = 500;
const MAX_LIST_LENGTH = 1000;

/** Operators, each with the value it needs; `value` is omitted for the last four. */
export const OPERATOR_GROUPS = {
  equality: { ops: ['eq', 'neq'], takes: 'one string, number or boolean' },
  set: {
    ops: ['in', 'not_in'],
    takes: `a non-empty array (at most ${MAX_LIST_LENGTH}) of strings, numbers or booleans`,
  },
  text: { ops: ['contains', 'not_contains', 'starts_with', 'ends_with'], takes: 'a non-blank string' },
  number: { ops: ['gt', 'gte', 'lt', 'lte'], takes: 'a number' },
  range: { ops: ['between'], takes: 'an array [min, max] of two numbers with min ≤ max' },
  presence: { ops: ['exists', 'not_exists'], takes: 'no value' },
  truth: { ops: ['is_true', 'is_false'], takes: 'no value' },
} as const;
export type OperatorGroup = keyof typeof OPERATOR_GROUPS;
export type Operator = (typeof OPERATOR_GROUPS)[OperatorGroup]['ops'][number];

export const OPERATORS: readonly Operator[] = Object.values(OPERATOR_GROUPS).flatMap((g) => g.ops);

const GROUP_OF_OPERATOR = new Map<string, OperatorGroup>(
  Object.entries(OPERATOR_GROUPS).flatMap(([group, g]) => g.ops.map((op) => [op, group as OperatorGroup] as const)),
);

/** The group of an operator, or undefined when `op` is not an operator. */
export function operatorGroup(op: unknown): OperatorGroup | undefined {
  return typeof op === 'string' ? GROUP_OF_OPERATOR.get(op) : undefined;
}

const Text = z
  .string()
  .max(MAX_TEXT_LENGTH)
  .regex(/\S/, { message: 'must not be blank (use exists / not_exists to test for a value)' });
const Scalar = z.union([Text, z.number(), z.boolean()]);

export const FieldPath = z
  .string()
  .refine((p) => parseFieldPath(p) !== null, { message: `Unknown field; fields are ${FIELD_PATHS_HELP}` })
  .meta({ description: `A fact of the lead: ${FIELD_PATHS_HELP}` });

const leaf = <const Ops extends readonly [string, ...string[]], V extends z.ZodType>(ops: Ops, value: V) =>
  z.strictObject({ field: FieldPath, op: z.enum(ops), value });
const bare = <const Ops extends readonly [string, ...string[]]>(ops: Ops) =>
  z.strictObject({ field: FieldPath, op: z.enum(ops) });

/** One schema per operator group; the validator picks the group's schema once `op` is known. */
export const LEAF_SCHEMAS = {
  equality: leaf(OPERATOR_GROUPS.equality.ops, Scalar),
  set: leaf(OPERATOR_GROUPS.set.ops, z.array(Scalar).min(1).max(MAX_LIST_LENGTH)),
  text: leaf(OPERATOR_GROUPS.text.ops, Text),
  number: leaf(OPERATOR_GROUPS.number.ops, z.number()),
  range: leaf(
    OPERATOR_GROUPS.range.ops,
    z.tuple([z.number(), z.number()]).refine(([min, max]) => min <= max, { message: 'min must not exceed max' }),
  ),
  presence: bare(OPERATOR_GROUPS.presence.ops),
  truth: bare(OPERATOR_GROUPS.truth.ops),
} as const;

/**
 * A single comparison of a field with a constant.
 * @example { "field": "values.country", "op": "in", "value": ["DE", "AT", "CH"] }
 */
export const LeafCondition = z.discriminatedUnion('op', [
  LEAF_SCHEMAS.equality,
  LEAF_SCHEMAS.set,
  LEAF_SCHEMAS.text,
  LEAF_SCHEMAS.number,
  LEAF_SCHEMAS.range,
  LEAF_SCHEMAS.presence,
  LEAF_SCHEMAS.truth,
]);
export type LeafCondition = z.infer<typeof LeafCondition>;

/** Operator groups that make no sense for a field of a kind (text fields hold no numbers, …). */
export const GROUPS_REFUSED_BY_KIND = {
  text: new Set<OperatorGroup>(['number', 'range', 'truth']),
  boolean: new Set<OperatorGroup>(['text', 'number', 'range']),
  any: new Set<OperatorGroup>(),
} as const;
