import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvTable, flattenRow } from '../../api/src/domain/csv';

describe('CSV cells', () => {
  it('quotes as RFC 4180 says: commas, quotes, line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const v of ['=1+2', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('leaves numbers and booleans as they are, negative ones included', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(true)).toBe('true');
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('CSV tables', () => {
  it('flattens nested objects to dotted columns and keeps arrays as JSON', () => {
    expect(flattenRow({ a: { b: 1, c: { d: 'x' } }, e: [1, 2], f: null })).toEqual({
      'a.b': 1,
      'a.c.d': 'x',
      e: '[1,2]',
      f: null,
    });
  });

  it('names every column any row has, in order of first appearance', () => {
    expect(
      csvTable([
        { id: 1, values: { name: 'Ada' } },
        { id: 2, values: { email: 'g@x' } },
      ]),
    ).toBe('id,values.name,values.email\r\n1,Ada,\r\n2,,g@x\r\n');
    expect(csvTable([])).toBe('');
  });
});
