/**
 * What a hostile or careless client sends, as fast-check arbitraries: text from every Unicode class,
 * JSON of any shape and depth (written as text, so keys such as `__proto__` survive), valid bodies
 * with one spot changed, URLs carrying percent-encoded bytes, and header values.
 */
import fc from 'fast-check';

/** Characters that have broken or could break a text path: NUL, halves of pairs, bidi controls, BOM, escapes. */
const SPECIAL_UNITS = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '\uFFFD',
  '\uFFFF',
  '\u0085',
  '\u2028',
  '\u2029',
  '\r',
  '\n',
  '\t',
  '"',
  '\\',
  '<',
  '&',
  '%',
  '%00',
  '%ED%A0%80',
  '%F0%9F%9A%80',
  '%C0%80',
  '%FF',
  '🚀',
  'é',
  'e\u0301',
  ' ',
  '*',
  '~',
  '`',
  '@',
  '.',
  '/',
  '?',
  '#',
  '=',
];

/** One UTF-16 unit of any class (lone surrogates included), a special sequence, or plain ASCII. */
const unit = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_UNITS), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 3 },
);

export const anyText = (maxLength = 24) => fc.string({ unit, maxLength });

/** A text long enough to meet length limits (a few hundred to a few thousand units). */
const longText = fc
  .tuple(fc.constantFrom('a', '🚀', '\u0000', 'é', '%00'), fc.integer({ min: 60, max: 2100 }))
  .map(([s, n]) => s.repeat(n));

const key = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '',
      'values',
      'name',
      'email',
    ),
    weight: 2,
  },
  { arbitrary: anyText(12), weight: 3 },
);

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1e300,
    -1e300,
    8.64e15,
    8.64e15 + 1,
    2 ** 53,
    1.5,
    1e-300,
    253402300800000,
    -62198755200000,
  ),
);

/** A JSON scalar written as JSON text; strings come from every Unicode class (JSON.stringify escapes lone surrogates). */
const scalarText = fc.oneof(
  anyText().map((s) => JSON.stringify(s)),
  longText.map((s) => JSON.stringify(s)),
  number.map((n) => JSON.stringify(n) ?? 'null'),
  fc.constantFrom(
    'true',
    'false',
    'null',
    '1e400',
    '-0',
    '0.0000001',
    '"2026-11-20T09:00:00Z"',
    '"0000-01-01T00:00:00Z"',
    '"9999-12-31T23:59:59+14:00"',
  ),
);

/** Any JSON value as text: objects may repeat keys or hold `__proto__`, which JSON.stringify could never write. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 4 })
    .map((es) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
})).value;

/** Nesting from harmless to far past the limit, around a JSON value. */
export const deepJsonText = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[]', '{}', 'mixed'), jsonText)
  .map(([depth, kind, inner]) => {
    const open = (i: number) => (kind === '[]' || (kind === 'mixed' && i % 2 === 0) ? '[' : '{"a":');
    const close = (i: number) => (kind === '[]' || (kind === 'mixed' && i % 2 === 0) ? ']' : '}');
    let head = '';
    let tail = '';
    for (let i = 0; i < depth; i++) {
      head += open(i);
      tail = close(i) + tail;
    }
    return head + inner + tail;
  });

/** A percent-encoded byte string: NUL, overlong and invalid UTF-8, encoded surrogates, emoji, plain bytes. */
const encodedBytes = fc.oneof(
  fc
    .uint8Array({ maxLength: 12 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%ED%B0%80',
    '%C0%80',
    '%E2%80%AE',
    '%F0%9F%9A%80',
    '%',
    '%G0',
    '%%',
    '+',
    '%2B',
    '%26utm_source%3D',
  ),
  anyText(8).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, 'x'))),
);

const QUERY_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'fbclid',
  'msclkid',
  'li_fat_id',
  'ttclid',
  'q',
  'u',
];

/** A query string of kept and other parameters with hostile values. */
export const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), encodedBytes), encodedBytes), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** An http(s) URL whose query carries percent-encoded bytes; sometimes not a URL at all. */
export const hostileUrl = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('https://www.example.com', 'http://a.b', 'https://xn--80ak6aa92e.com', 'https://[::1]:8080'),
        encodedBytes,
        queryString,
      )
      .map(([origin, path, q]) => `${origin}/${path}?${q}`),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom(
      '',
      'javascript:alert(1)',
      'https://',
      'https://a%00b.com/',
      'https://www.example.com/#%00',
      'ftp://x.y/',
    ),
    weight: 1,
  },
  { arbitrary: anyText(30), weight: 1 },
);

/** A header value the Fetch API can carry (bytes 0x01–0xFF without CR, LF and NUL), often a URL. */
export const headerValue = fc.oneof(
  hostileUrl.map((u) => u.replace(/[^\x20-\x7e\x80-\xff]/g, '')),
  fc.string({
    unit: fc
      .integer({ min: 1, max: 0xff })
      .filter((c) => c !== 10 && c !== 13)
      .map((c) => String.fromCharCode(c)),
    maxLength: 40,
  }),
);

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/vnd.x+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'json',
  '',
);

export const idempotencyKey = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 40,
  }),
  headerValue,
  fc.constantFrom('a'.repeat(256), ' ', 'same-key'),
);

type Path = Array<string | number>;

/** A change to a valid body: one value replaced, one key added, or one key dropped. */
export type Mutation =
  | { at: Path; kind: 'replace'; text: string }
  | { at: Path; kind: 'add'; key: string; text: string }
  | { at: Path; kind: 'drop' };

/** Every path of a JSON value, containers included. */
export function pathsOf(value: unknown, here: Path = []): Path[] {
  const out: Path[] = [here];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...here, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...here, k]));
  return out;
}

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((p, i) => p === b[i]);

/** The body as JSON text, with the mutation applied where its path points. */
export function render(value: unknown, m: Mutation | null, here: Path = []): string {
  if (m && m.kind === 'replace' && samePath(m.at, here)) return m.text;
  const child = (v: unknown, k: string | number) =>
    m && m.kind === 'drop' && samePath(m.at, [...here, k]) ? null : render(v, m, [...here, k]);
  if (Array.isArray(value))
    return `[${value
      .map((v, i) => child(v, i))
      .filter((s) => s !== null)
      .join(',')}]`;
  if (value && typeof value === 'object') {
    const parts = Object.entries(value).flatMap(([k, v]) => {
      const text = child(v, k);
      return text === null ? [] : [`${JSON.stringify(k)}:${text}`];
    });
    if (m && m.kind === 'add' && samePath(m.at, here)) parts.push(`${JSON.stringify(m.key)}:${m.text}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A mutation of `body`: mostly a hostile value at one of its paths. */
export function mutationOf(body: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(body);
  const at = fc.constantFrom(...paths);
  const value = fc.oneof(
    { arbitrary: jsonText, weight: 4 },
    { arbitrary: hostileUrl.map((u) => JSON.stringify(u)), weight: 2 },
    { arbitrary: deepJsonText, weight: 1 },
  );
  return fc.oneof(
    { arbitrary: fc.record({ at, kind: fc.constant('replace' as const), text: value }), weight: 6 },
    { arbitrary: fc.record({ at, kind: fc.constant('add' as const), key, text: value }), weight: 2 },
    { arbitrary: fc.record({ at: at.filter((p) => p.length > 0), kind: fc.constant('drop' as const) }), weight: 1 },
  );
}
