/**
 * Money has one unit: integer minor units by the currency's ISO 4217 exponent (JPY 0, USD 2, KWD 3).
 * The API takes decimal major units (`"amount": 33.33`) and stores `3333`; the conversion goes through
 * the decimal digits, never through a float multiplication (33.33 * 100 is 3332.9999999999995).
 *
 * @example toMinorUnits(33.33, 'USD') // { ok: true, minor: 3333 }
 * @example toMinorUnits(1500, 'JPY') // { ok: true, minor: 1500 }
 * @example toMinorUnits(1.5, 'JPY') // { ok: false, message: 'JPY has no minor unit: at most 0 decimals' }
 */

/** Codes whose exponent is not 2 (ISO 4217 list one, active codes, 2025). */
const NOT_TWO: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Active codes with two decimals. Funds and metals without a minor unit (XAU, XDR, XTS, …) are left out. */
const TWO = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR ' +
  'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU ' +
  'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG'
).split(' ');

export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(TWO.map((c) => [c, 2])),
  ...NOT_TWO,
});

export const isCurrency = (code: string): boolean => Object.hasOwn(CURRENCY_EXPONENTS, code);

/** The ISO 4217 exponent; an unknown code throws (callers check `isCurrency` at the edge). */
export function currencyExponent(code: string): number {
  const e = CURRENCY_EXPONENTS[code];
  if (e === undefined) throw new Error(`not an ISO 4217 currency: ${code}`);
  return e;
}

export type MinorResult = { ok: true; minor: number } | { ok: false; message: string };

/** The shortest decimal that reads back as `n` (what JSON had), written without an exponent. */
function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m;
  const digits = int! + frac;
  const point = int!.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Decimal major units (a JSON number or a decimal string) to integer minor units, exactly. More
 * decimals than the currency has, a negative amount, or more than `Number.MAX_SAFE_INTEGER` minor
 * units is refused with a message for a 422.
 */
export function toMinorUnits(amount: number | string, currency: string): MinorResult {
  if (!isCurrency(currency)) return { ok: false, message: `${currency} is not an ISO 4217 currency with a minor unit` };
  if (typeof amount === 'number' && !Number.isFinite(amount)) return { ok: false, message: 'not a finite number' };
  const text = typeof amount === 'number' ? plainDecimal(amount) : amount.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, message: 'a decimal amount in major units at or above 0, such as 33.33' };
  const exponent = currencyExponent(currency);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exponent) {
    return {
      ok: false,
      message: `${currency} has ${exponent === 0 ? 'no minor unit' : `${exponent} decimals`}: at most ${exponent} decimals`,
    };
  }
  const minor = BigInt(m[1]! + frac.padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: 'too large' };
  return { ok: true, minor: Number(minor) };
}

/**
 * Integer minor units back to a decimal number of major units, for fields that show major units
 * (a lead's `wonAmount`). One division of an integer: the nearest double to the exact decimal.
 */
export const toMajorUnits = (minor: number, currency: string): number => minor / 10 ** currencyExponent(currency);
