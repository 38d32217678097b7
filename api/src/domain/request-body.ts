/**
 * Checks on a parsed JSON body that hold for every route: text Postgres can store, and a canonical
 * form for idempotency fingerprints.
 */
import { sha256Hex } from './crypto';

/** No form needs more than 4 levels; a body nested deeper is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON text nests arrays and objects deeper than `limit`. A scan of the text, so neither
 * the parser nor any walk over the parsed value meets a body like 64 KB of `[[[[…`.
 */
export function jsonNestsDeeper(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The first fault in a parsed body that no schema may see, as a field error at its path (`a.b.1`,
 * the way validation names paths):
 * - text Postgres cannot store: text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate is
 *   not valid Unicode; both would fail deep in the driver as a 5xx;
 * - a `__proto__` key: no object of the API has one, and zod's records would drop it silently
 *   (assigning `__proto__` sets a prototype), so it is refused like any unknown key.
 * Iterative, in document order.
 */
export function findBodyFault(body: unknown): { path: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value: body, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnstorable(value)) return { path: path || '(root)', message: UNSTORABLE_MESSAGE };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: join(path, String(i)) });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [k] of entries) {
        if (hasUnstorable(k)) return { path: join(path, k), message: UNSTORABLE_MESSAGE };
        if (k === '__proto__') return { path: path || '(root)', message: 'Unrecognized key: "__proto__"' };
      }
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], path: join(path, entries[i]![0]) });
    }
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const UNSTORABLE_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

// U+0000, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasUnstorable = (s: string) => UNSTORABLE.test(s);
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/**
 * Text made storable: NUL dropped, a lone surrogate replaced by U+FFFD (as a UTF-8 encoder would).
 * For text the visitor did not choose (a Referer header), which is cleaned rather than refused.
 */
export const storableText = (s: string) => s.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));

/** At most `max` UTF-16 units, never ending in half of a surrogate pair (which could not be stored). */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** JSON with object keys sorted, so the same content always gives the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const fingerprint = (value: unknown) => sha256Hex(canonicalJson(value));
