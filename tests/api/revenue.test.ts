/** Payments and refunds after the deal (POST /v1/revenue), churn, and the ledger they build. */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revenueEvents } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('revenue on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
  });
  afterAll(() => h.close());

  const newLead = async (email: string) =>
    ((await (await submit(h, formId, { values: { name: 'L', email } })).json()) as { leadId: string }).leadId;
  const ledger = (leadId: string) =>
    h.handle.db
      .select({ kind: revenueEvents.kind, amountMinor: revenueEvents.amountMinor, currency: revenueEvents.currency })
      .from(revenueEvents)
      .where(and(eq(revenueEvents.tenantId, t.tenantId), eq(revenueEvents.leadId, leadId)))
      .orderBy(asc(revenueEvents.occurredAt), asc(revenueEvents.id));

  it('records payments and refunds by lead id, once per externalId', async () => {
    h.clock.set('2026-11-01T10:00:00Z');
    const id = await newLead('pay@acme.example');
    h.clock.set('2026-11-02T10:00:00Z');
    expect(
      (await t.api(`/v1/leads/${id}/events`, { body: { type: 'won', amount: 100, currency: 'USD' } })).status,
    ).toBe(201);
    h.clock.set('2026-11-02T12:00:00Z');
    const body = {
      leadId: id,
      kind: 'payment',
      amount: 49.99,
      currency: 'USD',
      externalId: 'inv_1',
      occurredAt: '2026-11-02T11:00:00Z',
    };
    const first = await t.api('/v1/revenue', { body });
    expect(first.status).toBe(201);
    const entry = (await first.json()) as any;
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^rev_/),
      leadId: id,
      kind: 'payment',
      amountMinor: 4999,
      currency: 'USD',
      externalId: 'inv_1',
    });
    const again = await t.api('/v1/revenue', { body });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(entry);
    expect((await t.api('/v1/revenue', { body: { ...body, amount: 50 } })).status).toBe(409);
    expect(
      (await t.api('/v1/revenue', { body: { leadId: id, kind: 'refund', amount: '10.00', currency: 'USD' } })).status,
    ).toBe(201);
    expect(await ledger(id)).toEqual([
      { kind: 'deal', amountMinor: 10000, currency: 'USD' },
      { kind: 'payment', amountMinor: 4999, currency: 'USD' },
      { kind: 'refund', amountMinor: 1000, currency: 'USD' },
    ]);
    h.clock.set('2026-11-10T10:00:00Z');
    expect((await t.api(`/v1/leads/${id}/events`, { body: { type: 'churned', reason: 'budget' } })).status).toBe(201);
    expect((await ledger(id)).at(-1)).toEqual({ kind: 'churn', amountMinor: 10000, currency: 'USD' });
  });

  it('credits an email to the most recent lead with it created before the payment', async () => {
    h.clock.set('2026-11-03T10:00:00Z');
    const older = await newLead('Twice@Acme.example');
    h.clock.set('2026-11-05T10:00:00Z');
    const newer = await newLead('twice@acme.example');
    h.clock.set('2026-11-06T10:00:00Z');
    const before = await t.api('/v1/revenue', {
      body: {
        email: 'twice@acme.example',
        kind: 'payment',
        amount: 5,
        currency: 'EUR',
        occurredAt: '2026-11-04T00:00:00Z',
      },
    });
    expect(((await before.json()) as any).leadId).toBe(older);
    const after = await t.api('/v1/revenue', {
      body: { email: 'TWICE@acme.example', kind: 'payment', amount: 7, currency: 'EUR' },
    });
    expect(((await after.json()) as any).leadId).toBe(newer);
    const none = await t.api('/v1/revenue', {
      body: {
        email: 'twice@acme.example',
        kind: 'payment',
        amount: 7,
        currency: 'EUR',
        occurredAt: '2026-11-01T00:00:00Z',
      },
    });
    expect(none.status).toBe(404);
  });

  it('refuses bad money and ambiguous targets with problem+json, storing nothing; another tenant’s lead is 404', async () => {
    const id = await newLead('bad@acme.example');
    const before = await h.handle.db.select().from(revenueEvents).where(eq(revenueEvents.tenantId, t.tenantId));
    for (const body of [
      { leadId: id, kind: 'payment', amount: 1.5, currency: 'JPY' },
      { leadId: id, kind: 'payment', amount: 1, currency: 'usd' },
      { leadId: id, email: 'bad@acme.example', kind: 'payment', amount: 1, currency: 'USD' },
      { kind: 'payment', amount: 1, currency: 'USD' },
      { leadId: id, kind: 'gift', amount: 1, currency: 'USD' },
      { leadId: id, kind: 'payment', amount: -1, currency: 'USD' },
      { leadId: id, kind: 'payment', amount: 1, currency: 'USD', occurredAt: '2999-01-01T00:00:00Z' },
    ]) {
      const res = await t.api('/v1/revenue', { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await h.handle.db.select().from(revenueEvents).where(eq(revenueEvents.tenantId, t.tenantId))).toHaveLength(
      before.length,
    );
    const other = await seedTenant(h, 'Other');
    expect(
      (await other.api('/v1/revenue', { body: { leadId: id, kind: 'payment', amount: 1, currency: 'USD' } })).status,
    ).toBe(404);
    expect(
      (
        await other.api('/v1/revenue', {
          body: { email: 'bad@acme.example', kind: 'payment', amount: 1, currency: 'USD' },
        })
      ).status,
    ).toBe(404);
  });
});
