/**
 * The zod schema of a condition tree. Validation runs in two passes:
 *
 * 1. `checkConditionTree` walks the raw input iteratively (never recursively, so a body nested
 *    100,000 levels deep cannot overflow the stack and end in a 5xx), enforces the depth and node
 *    limits, and reports each mistake at its own path with a message naming what was expected.
 *    A plain zod union could only say "Invalid input" for a leaf with a bad operator.
 * 2. The recursive union below then parses the (now known good, bounded) tree into its typed form;
 *    it is also what the OpenAPI document shows.
 */
import { z } from '../zod';
import { FIELD_PATHS_HELP, parseFieldPath } from './fields';
import {
  GROUPS_REFUSED_BY_KIND,
  LEAF_SCHEMAS,
  LeafCondition,
  OPERATOR_GROUPS,
  OPERATORS,
  operatorGroup,
} from './operators';

export const MAX_CONDITION_DEPTH = 8;
export const MAX_CONDITION_NODES = 200;
/** Enough to show a user what is wrong without echoing a huge body back. */
const MAX_ISSUES = 20;

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

const NODE_KEYS = ['all', 'any', 'not', 'field'] as const;
const SHAPE_HELP = 'A condition is one of {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}';

type Path = PropertyKey[];
type Report = (path: Path, message: string) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkLeaf(node: Record<string, unknown>, path: Path, report: Report): void {
  const spec = typeof node.field === 'string' ? parseFieldPath(node.field) : null;
  if (!spec) report([...path, 'field'], `Unknown field ${JSON.stringify(node.field)}; fields are ${FIELD_PATHS_HELP}`);
  const group = operatorGroup(node.op);
  if (!group) {
    report([...path, 'op'], `Unknown operator ${JSON.stringify(node.op)}; operators are ${OPERATORS.join(', ')}`);
    return;
  }
  const { takes } = OPERATOR_GROUPS[group];
  const parsed = LEAF_SCHEMAS[group].safeParse(node);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (issue.path[0] === 'field') continue; // reported above, with the list of fields
    if (issue.code === 'unrecognized_keys') {
      const takesValue = issue.keys.includes('value');
      report(path, takesValue ? `'${node.op}' takes no value` : `Unknown key '${issue.keys[0]}' in a comparison`);
    } else {
      report([...path, ...issue.path], `'${node.op}' takes ${takes} (${issue.message})`);
    }
  }
  if (!spec || !parsed.success) return;

  if (GROUPS_REFUSED_BY_KIND[spec.kind].has(group)) {
    report(
      [...path, 'op'],
      `'${node.op}' cannot apply to ${spec.path}, which holds ${spec.kind === 'text' ? 'text' : 'true/false'}`,
    );
    return;
  }
  const constants = group === 'equality' ? [node.value] : group === 'set' ? (node.value as unknown[]) : [];
  if (spec.kind === 'boolean' && constants.some((c) => typeof c !== 'boolean')) {
    report([...path, 'value'], `${spec.path} holds true/false; compare it with booleans`);
  }
  const known = spec.knownValues;
  const unknown = known && constants.find((c) => typeof c === 'string' && !known.has(c.trim().toLowerCase()));
  if (known && unknown !== undefined) {
    report(
      [...path, 'value'],
      `Unknown value ${JSON.stringify(unknown)} for ${spec.path}; expected one of ${[...known].join(', ')}`,
    );
  }
}

/**
 * Validates a raw condition tree and reports every problem found (up to MAX_ISSUES) through `report`.
 * Exposed for tests; the API uses the `Condition` schema, which calls it.
 */
export function checkConditionTree(root: unknown, report: Report): void {
  let issues = 0;
  const limitedReport: Report = (path, message) => {
    if (issues++ < MAX_ISSUES) report(path, message);
  };
  const stack: Array<{ node: unknown; path: Path; depth: number }> = [{ node: root, path: [], depth: 1 }];
  let nodes = 0;
  while (stack.length > 0 && issues < MAX_ISSUES) {
    const { node, path, depth } = stack.pop()!;
    if (++nodes > MAX_CONDITION_NODES) {
      limitedReport([], `A condition has at most ${MAX_CONDITION_NODES} nodes`);
      return;
    }
    if (depth > MAX_CONDITION_DEPTH) {
      limitedReport(path, `Conditions nest at most ${MAX_CONDITION_DEPTH} levels deep`);
      continue;
    }
    if (!isRecord(node)) {
      limitedReport(path, SHAPE_HELP);
      continue;
    }
    const kinds = NODE_KEYS.filter((k) => Object.hasOwn(node, k));
    const kind = kinds[0];
    if (kind === undefined || kinds.length > 1) {
      const found = kinds.length > 1 ? ` (found ${kinds.join(' and ')})` : '';
      limitedReport(path, `${SHAPE_HELP}${found}`);
      continue;
    }
    if (kind === 'field') {
      checkLeaf(node, path, limitedReport);
      continue;
    }
    const extra = Object.keys(node).find((k) => k !== kind);
    if (extra !== undefined) limitedReport(path, `Unknown key '${extra}' in an '${kind}' condition`);
    const child = node[kind];
    if (kind === 'not') {
      stack.push({ node: child, path: [...path, 'not'], depth: depth + 1 });
    } else if (!Array.isArray(child)) {
      limitedReport([...path, kind], `'${kind}' takes an array of conditions`);
    } else if (child.length > MAX_CONDITION_NODES) {
      limitedReport([...path, kind], `A condition has at most ${MAX_CONDITION_NODES} nodes`);
    } else {
      // Pushed in reverse so that problems are reported in document order.
      for (let i = child.length - 1; i >= 0; i--)
        stack.push({ node: child[i], path: [...path, kind, i], depth: depth + 1 });
    }
  }
}

const ConditionTree: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionTree) }),
    z.strictObject({ any: z.array(ConditionTree) }),
    z.strictObject({ not: ConditionTree }),
    LeafCondition,
  ]),
);

/**
 * A condition over a lead's facts: `all` / `any` / `not` over comparisons of a field with a
 * constant. Typed with Condition as its input too (the preprocess step would otherwise type the
 * input as unknown), so a typed client sees the real shape.
 * @example
 * Condition.parse({ all: [
 *   { field: 'values.country', op: 'in', value: ['DE', 'AT', 'CH'] },
 *   { not: { field: 'email.isFree', op: 'is_true' } },
 * ] });
 */
export const Condition = z.preprocess(
  (input, ctx) => {
    checkConditionTree(input, (path, message) => ctx.addIssue({ code: 'custom', message, path, input }));
    return input;
  },
  ConditionTree.meta({ description: `${SHAPE_HELP}; fields: ${FIELD_PATHS_HELP}` }),
) as unknown as z.ZodType<Condition, Condition>;
