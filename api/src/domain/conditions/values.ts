/**
 * How a lead's raw value is read by the condition operators. One set of coercions is shared by the
 * evaluator (compile.ts) and the routing index (routing/compile.ts), so an indexed lookup and a
 * plain evaluation can never disagree about whether two values are equal.
 *
 * - Missing: `null`, `undefined`, an empty or whitespace-only string, a non-finite number, or
 *   anything that is not a string, number or boolean (a form may send `""` for a field left blank).
 * - Text: strings are trimmed and lower-cased (`toLowerCase`, locale independent, no Unicode
 *   normalization); numbers and booleans read as their JavaScript text (`42`, `true`).
 * - Number: numbers, and strings that are plain decimal numbers (`" 1 200 "` is not, `"1200.5"` is).
 * - Boolean: booleans, and the words true/yes/on/1 and false/no/off/0 (as text, case-insensitive).
 */
import type { FieldValue } from '../lead-facts';

/** A value as found in the lead: a FieldValue, or undefined when the path leads nowhere. */
export type RawValue = FieldValue | undefined;

/** A scalar a rule compares against (`value` of eq/neq, items of in/not_in). */
export type Scalar = string | number | boolean;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** Trim and lower-case; the one text normalization used for constants and lead values alike. */
export function normalizeText(s: string): string {
  return s.trim().toLowerCase();
}

/** True when the value counts as absent (see the module comment). */
export function isMissing(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() === '';
  if (typeof v === 'number') return !Number.isFinite(v);
  return typeof v !== 'boolean';
}

/** The normalized text of a present value, or null when missing. `textOf(' Gmail.COM ')` → `'gmail.com'`. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = normalizeText(v);
    return t === '' ? null : t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).toLowerCase() : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}

/** The numeric reading of a value, or null. `numberOf('12.5')` → `12.5`, `numberOf('12 EUR')` → null. */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (!DECIMAL.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The boolean reading of a value, or null. `booleanOf('Yes')` → `true`, `booleanOf(0)` → `false`. */
export function booleanOf(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = textOf(v);
  if (t === null) return null;
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

/**
 * Equality against a scalar constant, decided by the constant's type: a string compares as text,
 * a number numerically, a boolean as a boolean. `in` is "equals one of", so a set of constants is
 * split by type into three sets, and a lead value is looked up once in each.
 */
export class ScalarSet {
  readonly texts = new Set<string>();
  readonly numbers = new Set<number>();
  readonly booleans = new Set<boolean>();

  constructor(constants: readonly Scalar[]) {
    for (const c of constants) {
      if (typeof c === 'string') this.texts.add(normalizeText(c));
      else if (typeof c === 'number')
        this.numbers.add(c); // a Set treats -0 and 0 alike
      else this.booleans.add(c);
    }
  }

  /** True when the lead value equals one of the constants. Missing values equal nothing. */
  has(v: RawValue): boolean {
    if (this.texts.size > 0) {
      const t = textOf(v);
      if (t !== null && this.texts.has(t)) return true;
    }
    if (this.numbers.size > 0) {
      const n = numberOf(v);
      if (n !== null && this.numbers.has(n)) return true;
    }
    if (this.booleans.size > 0) {
      const b = booleanOf(v);
      if (b !== null && this.booleans.has(b)) return true;
    }
    return false;
  }
}

/** A compiled `value == constant` test, the single-constant case of ScalarSet without the sets. */
export function equalsConstant(constant: Scalar): (v: RawValue) => boolean {
  if (typeof constant === 'string') {
    const expected = normalizeText(constant);
    return (v) => textOf(v) === expected;
  }
  if (typeof constant === 'number') return (v) => numberOf(v) === constant;
  return (v) => booleanOf(v) === constant;
}
