/**
 * Compiles a validated condition into a closure: field paths are resolved, constants normalized
 * and `in` lists turned into sets once, so evaluating a lead does no parsing and no allocation.
 */
import type { LeadFacts } from '../lead-facts';
import { parseFieldPath } from './fields';
import type { LeafCondition } from './operators';
import type { Condition } from './schema';
import {
  ScalarSet,
  booleanOf,
  equalsConstant,
  isMissing,
  normalizeText,
  numberOf,
  textOf,
  type RawValue,
} from './values';

export type CompiledCondition = (facts: LeadFacts) => boolean;

const ALWAYS: CompiledCondition = () => true;
const NEVER: CompiledCondition = () => false;

function compileTest(c: LeafCondition): (v: RawValue) => boolean {
  switch (c.op) {
    case 'eq':
      return equalsConstant(c.value);
    case 'neq': {
      const eq = equalsConstant(c.value);
      return (v) => !eq(v);
    }
    case 'in': {
      const set = new ScalarSet(c.value);
      return (v) => set.has(v);
    }
    case 'not_in': {
      const set = new ScalarSet(c.value);
      return (v) => !set.has(v);
    }
    case 'contains':
    case 'not_contains': {
      const needle = normalizeText(c.value);
      const negate = c.op === 'not_contains';
      return (v) => (textOf(v)?.includes(needle) ?? false) !== negate;
    }
    case 'starts_with': {
      const prefix = normalizeText(c.value);
      return (v) => textOf(v)?.startsWith(prefix) ?? false;
    }
    case 'ends_with': {
      const suffix = normalizeText(c.value);
      return (v) => textOf(v)?.endsWith(suffix) ?? false;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = c.value;
      const op = c.op;
      return (v) => {
        const n = numberOf(v);
        if (n === null) return false;
        return op === 'gt' ? n > bound : op === 'gte' ? n >= bound : op === 'lt' ? n < bound : n <= bound;
      };
    }
    case 'between': {
      const [min, max] = c.value;
      return (v) => {
        const n = numberOf(v);
        return n !== null && n >= min && n <= max;
      };
    }
    case 'exists':
      return (v) => !isMissing(v);
    case 'not_exists':
      return isMissing;
    case 'is_true':
      return (v) => booleanOf(v) === true;
    case 'is_false':
      return (v) => booleanOf(v) === false;
  }
}

function compileLeaf(c: LeafCondition): CompiledCondition {
  const spec = parseFieldPath(c.field);
  // Validation refuses unknown paths; a condition built in code without it still cannot throw later.
  if (!spec)
    throw new Error(`Unknown field path ${JSON.stringify(c.field)}; parse conditions with the Condition schema`);
  const read = spec.read;
  const test = compileTest(c);
  return (facts) => test(read(facts));
}

function compileEvery(preds: CompiledCondition[]): CompiledCondition {
  if (preds.length === 0) return ALWAYS;
  if (preds.length === 1) return preds[0]!;
  return (facts) => {
    for (const p of preds) if (!p(facts)) return false;
    return true;
  };
}

function compileSome(preds: CompiledCondition[]): CompiledCondition {
  if (preds.length === 0) return NEVER;
  if (preds.length === 1) return preds[0]!;
  return (facts) => {
    for (const p of preds) if (p(facts)) return true;
    return false;
  };
}

/**
 * Compiles a condition (validated by the `Condition` schema) into a predicate over LeadFacts.
 * Compile once when rules load; call the result per lead.
 * @example
 * const isDach = compileCondition({ field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] });
 * isDach(facts); // true when facts.country is 'DE', 'de', 'AT' …
 */
export function compileCondition(c: Condition): CompiledCondition {
  if ('all' in c) return compileEvery(c.all.map(compileCondition));
  if ('any' in c) return compileSome(c.any.map(compileCondition));
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (facts) => !inner(facts);
  }
  return compileLeaf(c);
}
