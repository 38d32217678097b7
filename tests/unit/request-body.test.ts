import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  cutText,
  findBodyFault,
  hasUnstorable,
  jsonNestsDeeper,
  storableText,
} from '../../api/src/domain/request-body';
import { originAllowed } from '../../api/src/domain/origins';
import { idPattern, newId } from '../../api/src/domain/ids';

describe('canonicalJson', () => {
  it('gives the same text for the same content in any key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const shuffled = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(shuffled)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
  it('tells different content apart', () =>
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] })));
});

describe('findBodyFault', () => {
  const unstorable = expect.stringContaining('cannot be stored');
  it('finds NUL and lone surrogates anywhere, keys included, at paths named as validation names them', () => {
    expect(findBodyFault({ a: { b: ['ok', 'x\u0000'] } })).toEqual({ path: 'a.b.1', message: unstorable });
    expect(findBodyFault({ 'k\uDC00': 1 })).toEqual({ path: 'k\uDC00', message: unstorable });
    expect(findBodyFault('\uD800x')).toEqual({ path: '(root)', message: unstorable });
  });
  it('accepts paired surrogates (emoji) and ordinary text', () => {
    expect(findBodyFault({ a: '🚀 Zoë ‮', b: [1, null, true] })).toBeNull();
  });
  it('refuses a __proto__ key, naming the object that holds it; constructor and prototype are plain keys', () => {
    expect(findBodyFault(JSON.parse('{"values":{"a":1,"__proto__":{}}}'))).toEqual({
      path: 'values',
      message: 'Unrecognized key: "__proto__"',
    });
    expect(findBodyFault(JSON.parse('[{"__proto__":1}]'))).toEqual({ path: '0', message: expect.any(String) });
    expect(findBodyFault({ constructor: 'x', prototype: 'y' })).toBeNull();
  });
  it('reports the first fault in document order', () => {
    expect(findBodyFault({ a: ['\u0000'], b: '\u0000' })?.path).toBe('a.0');
  });
  it('walks a value nested far deeper than the stack allows', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findBodyFault(deep)?.path).toMatch(/^0(\.0)+$/);
  });
});

describe('jsonNestsDeeper', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeper('[[[]]]', 3)).toBe(false);
    expect(jsonNestsDeeper('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestsDeeper('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonNestsDeeper('["[[[[", "\\"", "{{{{"]', 1)).toBe(false);
    expect(jsonNestsDeeper('["\\\\", [[]]]', 2)).toBe(true);
  });
  it('agrees with the parsed depth on any JSON (property)', () => {
    const depth = (v: unknown): number =>
      Array.isArray(v)
        ? 1 + Math.max(0, ...v.map(depth))
        : v && typeof v === 'object'
          ? 1 + Math.max(0, ...Object.values(v).map(depth))
          : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (v, limit) => {
        expect(jsonNestsDeeper(JSON.stringify(v), limit)).toBe(depth(v) > limit);
      }),
    );
  });
  it('answers at once for 64 KB of [[[[', () => expect(jsonNestsDeeper('['.repeat(65536))).toBe(true));
});

describe('storableText and cutText', () => {
  it('drops NUL and replaces lone surrogates, keeping pairs', () => {
    expect(storableText('a\u0000b\uD800c\uDC00🚀')).toBe('ab\uFFFDc\uFFFD🚀');
  });
  it('never cuts a pair in half (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (s, max) => {
        const cut = cutText(s, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(s.startsWith(cut)).toBe(true);
        expect(hasUnstorable(cut)).toBe(hasUnstorable(s));
      }),
    );
  });
});

describe('originAllowed', () => {
  const allowed = ['https://www.example.com', 'http://localhost:3000', 'https://*.example.org'];
  it.each([
    ['https://www.example.com', true],
    ['https://WWW.EXAMPLE.COM', true],
    ['http://www.example.com', false],
    ['https://www.example.com:8443', false],
    ['https://www.example.com.evil.io', false],
    ['http://localhost:3000', true],
    ['http://localhost:3001', false],
    ['https://app.example.org', true],
    ['https://a.b.example.org', true],
    ['https://example.org', false],
    ['https://evilexample.org', false],
    ['null', false],
    ['', false],
  ])('%s → %s', (origin, ok) => expect(originAllowed(origin, allowed)).toBe(ok));
});

describe('ids', () => {
  it('sort in creation order, even within one millisecond', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const ids = Array.from({ length: 1000 }, () => newId('lead', now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(idPattern('lead'));
  });
});
