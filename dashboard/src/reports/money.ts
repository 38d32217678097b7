/** Money as the API reports it: integer minor units with a currency, shown by the currency's ISO 4217 exponent. */
import { currencyExponent, isCurrency } from '../../../api/src/domain/money';

/** `formatMoney(3333, 'USD')` → "$33.33"; `formatMoney(1500, 'JPY')` → "¥1,500"; KWD shows three decimals. */
export function formatMoney(minor: number, currency: string | null): string {
  if (!currency || !isCurrency(currency)) return String(minor);
  const exp = currencyExponent(currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  }).format(minor / 10 ** exp);
}

/** The major-unit amount as a plain decimal (for CSV): 3333 USD → "33.33". */
export function majorUnits(minor: number, currency: string | null): string {
  if (!currency || !isCurrency(currency)) return String(minor);
  const exp = currencyExponent(currency);
  return (minor / 10 ** exp).toFixed(exp);
}
