/** Reading Stripe events: which types count, Stripe's amounts as ISO 4217 minor units, exact decimals. */
import { describe, expect, it } from 'vitest';
import { decimalOfMinor, isoMinorFromStripe, readStripeEvent } from '../../api/src/domain/stripe-events';

describe('Stripe amounts', () => {
  it('converts where Stripe’s exponent differs from ISO 4217, and refuses what does not convert exactly', () => {
    expect(isoMinorFromStripe(1999, 'usd')).toEqual({ minor: 1999, currency: 'USD' });
    expect(isoMinorFromStripe(1500, 'jpy')).toEqual({ minor: 1500, currency: 'JPY' });
    expect(isoMinorFromStripe(1234, 'kwd')).toEqual({ minor: 1234, currency: 'KWD' });
    expect(isoMinorFromStripe(50000, 'isk')).toEqual({ minor: 500, currency: 'ISK' });
    expect(isoMinorFromStripe(50050, 'isk')).toBeNull();
    expect(isoMinorFromStripe(700, 'mga')).toEqual({ minor: 70000, currency: 'MGA' });
    expect(isoMinorFromStripe(10, 'xts')).toBeNull();
    expect(isoMinorFromStripe(-1, 'usd')).toBeNull();
    expect(isoMinorFromStripe(1.5, 'usd')).toBeNull();
  });

  it('writes minor units back as the exact decimal', () => {
    expect(decimalOfMinor(12345, 'USD')).toBe('123.45');
    expect(decimalOfMinor(5, 'USD')).toBe('0.05');
    expect(decimalOfMinor(1500, 'JPY')).toBe('1500');
    expect(decimalOfMinor(1, 'KWD')).toBe('0.001');
  });
});

describe('readStripeEvent', () => {
  const created = 1_796_000_000;
  it('reads an invoice by its paid time and email, a refund as the cumulative amount, a churn by its items', () => {
    expect(
      readStripeEvent({
        type: 'invoice.paid',
        created,
        data: {
          object: {
            id: 'in_1',
            customer: { id: 'cus_1' },
            customer_email: ' A@B.example ',
            amount_paid: 4900,
            currency: 'eur',
            status_transitions: { paid_at: created - 60 },
          },
        },
      }),
    ).toEqual({
      ok: true,
      fact: {
        kind: 'payment',
        invoiceId: 'in_1',
        customerId: 'cus_1',
        email: 'a@b.example',
        amountMinor: 4900,
        currency: 'EUR',
        occurredAt: new Date((created - 60) * 1000).toISOString(),
      },
    });
    const refund = readStripeEvent({
      type: 'charge.refunded',
      created,
      data: {
        object: { id: 'ch_1', customer: 'cus_1', amount_refunded: 700, currency: 'usd', receipt_email: 'r@b.example' },
      },
    });
    expect(refund).toMatchObject({ ok: true, fact: { kind: 'refund', refundedMinor: 700, email: 'r@b.example' } });
    const churn = readStripeEvent({
      type: 'customer.subscription.deleted',
      created,
      data: {
        object: {
          id: 'sub_1',
          customer: 'cus_1',
          items: {
            data: [
              { quantity: 3, price: { unit_amount: 1000, currency: 'usd' } },
              { price: { unit_amount: 500, currency: 'usd' } },
            ],
          },
        },
      },
    });
    expect(churn).toMatchObject({ ok: true, fact: { kind: 'churn', amountMinor: 3500, currency: 'USD' } });
  });

  it('ignores other types, zero invoices and unknown currencies', () => {
    expect(readStripeEvent({ type: 'customer.created', data: { object: { id: 'cus_1' } } })).toEqual({
      ok: false,
      ignore: 'unknown_type',
    });
    const invoice = (amount_paid: number, currency: string) =>
      readStripeEvent({ type: 'invoice.paid', created, data: { object: { id: 'in_2', amount_paid, currency } } });
    expect(invoice(0, 'usd')).toEqual({ ok: false, ignore: 'no_amount' });
    expect(invoice(100, 'xyz')).toEqual({ ok: false, ignore: 'bad_currency' });
    expect(readStripeEvent({ type: 'invoice.paid', data: {} })).toEqual({ ok: false, ignore: 'malformed' });
  });
});
