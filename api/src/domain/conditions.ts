/**
 * The condition language shared by routing rules, SLA policies and capacity policies.
 *
 * A condition is JSON: `{ "all": [...] }`, `{ "any": [...] }`, `{ "not": {...} }` or a comparison
 * `{ "field": "values.country", "op": "in", "value": ["DE", "AT"] }`. Parse it with the `Condition`
 * schema (clear messages with paths, depth ≤ 8, ≤ 200 nodes), compile it once with
 * `compileCondition`, and call the result per lead.
 *
 * Semantics (tested in tests/unit/conditions.test.ts):
 * - `all([])` is true and `any([])` is false, as in logic (and `Array.prototype.every/some`).
 * - Text is compared trimmed and case-insensitively: `" ACME.com "` equals `"acme.com"`; contains,
 *   starts_with and ends_with fold case the same way. No Unicode normalization; no regex operator.
 * - The type of the constant decides how `eq`/`in` compare: a string compares as text (so a number
 *   `42` in the lead equals `"42"`), a number numerically (so `"42.0"` equals `42`), a boolean as a
 *   boolean (`"yes"`, `"on"`, `"1"` read as true). gt/gte/lt/lte/between read numbers and numeric text.
 * - A missing value (absent, null, or blank text) matches no positive comparison: eq, in, contains,
 *   starts_with, ends_with, gt…between, exists, is_true and is_false are all false for it.
 * - Every negative operator is the exact complement of its positive: `neq` ≡ `not eq`,
 *   `not_in` ≡ `not in`, `not_contains` ≡ `not contains`, `not_exists` ≡ `not exists`. So a missing
 *   value IS `neq "x"` and `not_in [...]` — what CRM users expect from "is not" ("country is not US"
 *   includes leads without a country). To exclude missing values, add `exists`. `is_false` is not
 *   the complement of `is_true`: it needs an explicit false.
 */
export { compileCondition, type CompiledCondition } from './conditions/compile';
export {
  FIELD_PATHS_HELP,
  TOUCH_PARTS,
  parseFieldPath,
  type FieldKind,
  type FieldSpec,
  type TouchPart,
} from './conditions/fields';
export {
  FieldPath,
  LeafCondition,
  OPERATORS,
  operatorGroup,
  type Operator,
  type OperatorGroup,
} from './conditions/operators';
export { Condition, MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, checkConditionTree } from './conditions/schema';
export {
  ScalarSet,
  booleanOf,
  equalsConstant,
  isMissing,
  normalizeText,
  numberOf,
  textOf,
  type RawValue,
  type Scalar,
} from './conditions/values';
