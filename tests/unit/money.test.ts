import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_EXPONENTS,
  currencyExponent,
  isCurrency,
  toMajorUnits,
  toMinorUnits,
} from '../../api/src/domain/money';

describe('money in ISO 4217 minor units', () => {
  it('knows the exponents that are not 2', () => {
    expect([
      currencyExponent('JPY'),
      currencyExponent('USD'),
      currencyExponent('KWD'),
      currencyExponent('CLF'),
    ]).toEqual([0, 2, 3, 4]);
    expect(isCurrency('XTS')).toBe(false); // a testing code with no minor unit
    expect(isCurrency('constructor')).toBe(false);
    expect(Object.keys(CURRENCY_EXPONENTS).length).toBeGreaterThan(150);
  });

  it('converts decimals exactly, where a float multiplication would not', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(toMinorUnits(0.29, 'USD')).toEqual({ ok: true, minor: 29 });
    expect(toMinorUnits(33.33, 'USD')).toEqual({ ok: true, minor: 3333 });
    expect(toMinorUnits(1.005, 'USD')).toMatchObject({ ok: false });
    expect(toMinorUnits('1.10', 'USD')).toEqual({ ok: true, minor: 110 });
    expect(toMinorUnits(1500, 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(toMinorUnits('12.345', 'KWD')).toEqual({ ok: true, minor: 12345 });
    expect(toMinorUnits(0.1, 'KWD')).toEqual({ ok: true, minor: 100 });
    expect(toMinorUnits(1e-7, 'USD')).toMatchObject({ ok: false });
    expect(toMinorUnits(1e12, 'JPY')).toEqual({ ok: true, minor: 1e12 });
    expect(toMinorUnits(-1, 'USD')).toMatchObject({ ok: false });
    expect(toMinorUnits(Number.NaN, 'USD')).toMatchObject({ ok: false });
  });

  it('refuses more decimals than the currency has', () => {
    expect(toMinorUnits(1.5, 'JPY')).toEqual({ ok: false, message: 'JPY has no minor unit: at most 0 decimals' });
    expect(toMinorUnits('9.9999', 'KWD')).toMatchObject({ ok: false });
  });

  it('reads back every amount it shows: minor → major number → minor is the identity', () => {
    const currencies = Object.keys(CURRENCY_EXPONENTS);
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.integer({ min: 0, max: 999_999_999_999_99 }),
        (currency, minor) => {
          expect(toMinorUnits(toMajorUnits(minor, currency), currency)).toEqual({ ok: true, minor });
          const e = currencyExponent(currency);
          const text =
            e === 0
              ? String(minor)
              : `${String(minor)
                  .padStart(e + 1, '0')
                  .slice(0, -e)}.${String(minor)
                  .padStart(e + 1, '0')
                  .slice(-e)}`;
          expect(toMinorUnits(text, currency)).toEqual({ ok: true, minor });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
