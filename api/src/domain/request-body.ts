/**
 * Checks on a parsed JSON body that hold for every route: text Postgres can store, and a canonical
 * form for idempotency fingerprints.
 */
import { sha256Hex } from './crypto';

/**
 * Postgres text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate is not valid Unicode:
 * both would fail deep in the driver as a 5xx. Returns the JSON path of the first such string.
 */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasUnstorable(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findUnstorableText(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (hasUnstorable(k)) return here;
      const p = findUnstorableText(v, here);
      if (p) return p;
    }
  }
  return null;
}

// U+0000, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasUnstorable = (s: string) => UNSTORABLE.test(s);

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
