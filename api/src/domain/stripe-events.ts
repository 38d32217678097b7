/**
 * What a Stripe event means for a lead's ledger, read without I/O. Three types count: `invoice.paid`
 * (revenue), `charge.refunded` (a refund) and `customer.subscription.deleted` (churn); every other
 * type reads as null and is acknowledged and ignored. Stripe amounts are minor units by Stripe's own
 * exponent, which differs from ISO 4217 for a few currencies (ISK, MGA): converted here.
 */
import { currencyExponent, isCurrency } from './money';

export type StripeFact =
  | {
      kind: 'payment';
      invoiceId: string;
      customerId: string | null;
      email: string | null;
      amountMinor: number;
      currency: string;
      occurredAt: string;
    }
  | {
      kind: 'refund';
      chargeId: string;
      customerId: string | null;
      email: string | null;
      /** Refunded so far on the charge (Stripe's `amount_refunded` is cumulative). */
      refundedMinor: number;
      currency: string;
      occurredAt: string;
    }
  | {
      kind: 'churn';
      subscriptionId: string;
      customerId: string | null;
      /** The recurring amount the subscription billed, when its items say it. */
      amountMinor: number | null;
      currency: string | null;
      occurredAt: string;
    };

export type ReadResult =
  | { ok: true; fact: StripeFact }
  | { ok: false; ignore: 'unknown_type' | 'no_amount' | 'bad_currency' | 'malformed' };

/** Stripe's exponent where it is not the ISO one (docs.stripe.com/currencies: zero-decimal and special cases). */
const STRIPE_EXPONENT_DIFFERS: Record<string, number> = { ISK: 2, MGA: 0 };

/**
 * A Stripe amount as ISO 4217 minor units, or null when the currency is not one we store or the
 * amount does not convert exactly.
 * @example isoMinorFromStripe(1999, 'usd') // { minor: 1999, currency: 'USD' }
 * @example isoMinorFromStripe(50000, 'isk') // { minor: 500, currency: 'ISK' }
 */
export function isoMinorFromStripe(amount: unknown, currency: unknown): { minor: number; currency: string } | null {
  if (typeof currency !== 'string' || typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0)
    return null;
  const code = currency.toUpperCase();
  if (!isCurrency(code)) return null;
  const iso = currencyExponent(code);
  const stripe = STRIPE_EXPONENT_DIFFERS[code] ?? iso;
  if (stripe === iso) return { minor: amount, currency: code };
  if (stripe < iso) return { minor: amount * 10 ** (iso - stripe), currency: code };
  const div = 10 ** (stripe - iso);
  return amount % div === 0 ? { minor: amount / div, currency: code } : null;
}

/** Integer minor units as the exact decimal in major units (`12345`, USD → `"123.45"`). */
export function decimalOfMinor(minor: number, currency: string): string {
  const e = currencyExponent(currency);
  if (e === 0) return String(minor);
  const s = String(minor).padStart(e + 1, '0');
  return `${s.slice(0, -e)}.${s.slice(-e)}`;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
/** A Stripe expandable field: an id, or the object with its id. */
const idOf = (v: unknown): string | null => str(v) ?? str(obj(v)?.id);
const secondsToIso = (v: unknown, fallback: string): string =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v * 1000).toISOString() : fallback;
const emailOf = (v: unknown): string | null => {
  const s = str(v)?.trim().toLowerCase();
  return s && s.length <= 320 && s.includes('@') ? s : null;
};

export const HANDLED_TYPES = ['invoice.paid', 'charge.refunded', 'customer.subscription.deleted'] as const;

export function readStripeEvent(event: { type: string; created?: unknown; data?: unknown }): ReadResult {
  if (!(HANDLED_TYPES as readonly string[]).includes(event.type)) return { ok: false, ignore: 'unknown_type' };
  const o = obj(obj(event.data)?.object);
  const id = str(o?.id);
  if (!o || !id) return { ok: false, ignore: 'malformed' };
  const created = secondsToIso(event.created, new Date(0).toISOString());
  const customerId = idOf(o.customer);

  if (event.type === 'invoice.paid') {
    const money = isoMinorFromStripe(o.amount_paid, o.currency);
    if (!money) return { ok: false, ignore: 'bad_currency' };
    // A zero invoice (a trial, a 100% coupon) is not revenue and must not mark the lead won.
    if (money.minor === 0) return { ok: false, ignore: 'no_amount' };
    const paidAt = obj(o.status_transitions)?.paid_at;
    return {
      ok: true,
      fact: {
        kind: 'payment',
        invoiceId: id,
        customerId,
        email: emailOf(o.customer_email),
        amountMinor: money.minor,
        currency: money.currency,
        occurredAt: secondsToIso(paidAt, created),
      },
    };
  }
  if (event.type === 'charge.refunded') {
    const money = isoMinorFromStripe(o.amount_refunded, o.currency);
    if (!money) return { ok: false, ignore: 'bad_currency' };
    if (money.minor === 0) return { ok: false, ignore: 'no_amount' };
    return {
      ok: true,
      fact: {
        kind: 'refund',
        chargeId: id,
        customerId,
        email: emailOf(obj(o.billing_details)?.email) ?? emailOf(o.receipt_email),
        refundedMinor: money.minor,
        currency: money.currency,
        occurredAt: created,
      },
    };
  }
  const recurring = subscriptionAmount(o);
  return {
    ok: true,
    fact: {
      kind: 'churn',
      subscriptionId: id,
      customerId,
      amountMinor: recurring?.minor ?? null,
      currency: recurring?.currency ?? null,
      occurredAt: secondsToIso(o.ended_at ?? o.canceled_at, created),
    },
  };
}

/** What one period of the subscription billed: Σ unit amount × quantity over its items. */
function subscriptionAmount(sub: Obj): { minor: number; currency: string } | null {
  const items = obj(sub.items)?.data;
  if (!Array.isArray(items) || items.length === 0) return null;
  let total = 0;
  let currency: string | null = null;
  for (const item of items) {
    const price = obj(obj(item)?.price) ?? obj(obj(item)?.plan);
    const qty = obj(item)?.quantity ?? 1;
    const money = isoMinorFromStripe(price?.unit_amount ?? price?.amount, price?.currency ?? sub.currency);
    if (!money || typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 0) return null;
    if (currency && money.currency !== currency) return null;
    currency = money.currency;
    total += money.minor * qty;
  }
  return currency && Number.isSafeInteger(total) ? { minor: total, currency } : null;
}

/** The email an event carries, if any (a deleted subscription carries only its customer). */
export const factEmail = (f: StripeFact): string | null => (f.kind === 'churn' ? null : f.email);

/** The ledger's external id of an entry a fact writes: the same Stripe object twice is recorded once. */
export const ledgerIdOf = (f: StripeFact): string =>
  f.kind === 'payment'
    ? `stripe:${f.invoiceId}`
    : f.kind === 'refund'
      ? `stripe:${f.chargeId}:refunded:${f.refundedMinor}`
      : `stripe:${f.subscriptionId}:deleted`;

/** A secret as it may be shown: its kind and last four characters. */
export const secretHint = (secret: string): string =>
  `${secret.startsWith('whsec_') ? 'whsec_' : ''}…${secret.slice(-4)}`;
