import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, findUnstorableText } from '../../api/src/domain/request-body';
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
  it('tells different content apart', () => expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] })));
});

describe('findUnstorableText', () => {
  it('finds NUL and lone surrogates anywhere, keys included', () => {
    expect(findUnstorableText({ a: { b: ['ok', 'x\u0000'] } })).toBe('a.b[1]');
    expect(findUnstorableText({ ['k\uDC00']: 1 })).toBe('k\uDC00');
    expect(findUnstorableText('\uD800x')).toBe('(body)');
  });
  it('accepts paired surrogates (emoji) and ordinary text', () => {
    expect(findUnstorableText({ a: '🚀 Zoë ‮', b: [1, null, true] })).toBeNull();
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
