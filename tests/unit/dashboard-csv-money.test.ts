/** The dashboard's CSV cells (formula injection) and money display (ISO 4217 exponents). */
import { describe, expect, it } from 'vitest';
import { formatMoney, majorUnits } from '../../dashboard/src/reports/money';
import { csvCell, toCsv } from '../../dashboard/src/ui/csv';

describe('csv cells', () => {
  it.each([
    ['=SUM(A1:A9)', `'=SUM(A1:A9)`],
    ['+1', `'+1`],
    ['-2', `'-2`],
    ['@cmd', `'@cmd`],
    ['\tx', `'\tx`],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
  ])('neutralises %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('quotes commas, quotes and line breaks and keeps plain values and numbers as they are', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-3')).toBe(`'-3`);
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describe('money in minor units', () => {
  it('uses the currency exponent', () => {
    expect(majorUnits(3333, 'USD')).toBe('33.33');
    expect(majorUnits(1500, 'JPY')).toBe('1500');
    expect(majorUnits(1234, 'KWD')).toBe('1.234');
    expect(formatMoney(120050, 'USD')).toMatch(/1,200\.50/);
    expect(formatMoney(1500, 'JPY')).toMatch(/1,500$/);
    expect(formatMoney(1234, 'KWD')).toMatch(/1\.234/);
  });
});
