/**
 * The Stripe connection end to end: events signed exactly as Stripe signs them (the SDK's own test
 * header) sent to the running API, and the ledger and leads they leave behind.
 */
import { and, asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, revenueEvents, stripeConnections, stripeCustomers, stripeEvents } from '../../api/src/db/schema';
import { openSecret } from '../../api/src/domain/secret-box';
import { runTick } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, TEST_AUTH_SECRET, type Harness, type TestTenant } from '../helpers/harness';

const SECRET = 'whsec_test_0123456789abcdefABCDEF';
let seq = 0;
const uid = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(seq++).toString(36)}`;
const sec = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/** A Stripe event as Stripe sends it (the fields this integration reads, and the envelope's). */
function stripeEvent(type: string, object: Record<string, unknown>, created: string, id = uid('evt')) {
  return {
    id,
    object: 'event',
    api_version: '2025-11-17.clover',
    created: sec(created),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}
const invoicePaid = (o: { customer: string; email?: string; amount: number; currency?: string; at: string }) =>
  stripeEvent(
    'invoice.paid',
    {
      id: uid('in'),
      object: 'invoice',
      customer: o.customer,
      customer_email: o.email ?? null,
      amount_paid: o.amount,
      currency: o.currency ?? 'usd',
      status: 'paid',
      status_transitions: { paid_at: sec(o.at) },
    },
    o.at,
  );
const chargeRefunded = (o: { charge: string; customer: string; refunded: number; at: string }) =>
  stripeEvent(
    'charge.refunded',
    {
      id: o.charge,
      object: 'charge',
      customer: o.customer,
      amount: 10_000,
      amount_refunded: o.refunded,
      currency: 'usd',
      refunded: o.refunded >= 10_000,
      billing_details: { email: null },
    },
    o.at,
  );
const subscriptionDeleted = (o: { customer: string; unitAmount: number; quantity: number; at: string }) =>
  stripeEvent(
    'customer.subscription.deleted',
    {
      id: uid('sub'),
      object: 'subscription',
      customer: o.customer,
      status: 'canceled',
      currency: 'usd',
      canceled_at: sec(o.at),
      ended_at: sec(o.at),
      items: {
        object: 'list',
        data: [{ id: uid('si'), quantity: o.quantity, price: { unit_amount: o.unitAmount, currency: 'usd' } }],
      },
    },
    o.at,
  );

describe.each(testDbKinds)('Stripe connection on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  let eventsPath: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
    h.clock.set('2026-11-20T10:00:00Z');
    const res = await t.api('/v1/integrations/stripe', { body: { signingSecret: SECRET } });
    expect(res.status).toBe(201);
    eventsPath = new URL(((await res.json()) as { endpointUrl: string }).endpointUrl).pathname;
  });
  afterAll(() => h.close());

  const newLead = async (email: string, at: string) => {
    h.clock.set(at);
    const res = await submit(h, formId, { values: { name: 'L', email } });
    return ((await res.json()) as { leadId: string }).leadId;
  };
  /** Sends the event signed with `secret` at the harness clock, as Stripe does. */
  const send = async (event: unknown, opts: { secret?: string; path?: string; header?: string | null } = {}) => {
    const payload = JSON.stringify(event);
    const header =
      opts.header === undefined
        ? Stripe.webhooks.generateTestHeaderString({
            payload,
            secret: opts.secret ?? SECRET,
            timestamp: Math.floor(h.clock.now.getTime() / 1000),
          })
        : opts.header;
    return h.request(opts.path ?? eventsPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...(header ? { 'stripe-signature': header } : {}) },
      body: payload,
    });
  };
  const sendOk = async (event: unknown) => {
    const res = await send(event);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { outcome: string; leadId: string | null };
  };
  const ledger = (leadId: string) =>
    h.handle.db
      .select({ kind: revenueEvents.kind, amountMinor: revenueEvents.amountMinor, currency: revenueEvents.currency })
      .from(revenueEvents)
      .where(and(eq(revenueEvents.tenantId, t.tenantId), eq(revenueEvents.leadId, leadId)))
      .orderBy(asc(revenueEvents.occurredAt), asc(revenueEvents.id));
  const totals = async (leadId: string) => {
    const out: Record<string, number> = {};
    for (const e of await ledger(leadId)) {
      const col = e.kind === 'deal' || e.kind === 'payment' ? 'revenue' : e.kind;
      out[col] = (out[col] ?? 0) + e.amountMinor;
    }
    return out;
  };
  const statusOf = async (leadId: string) =>
    (await h.handle.db.select({ status: leads.status }).from(leads).where(eq(leads.id, leadId)))[0]!.status;
  const storedCounts = async () => ({
    events: (await h.handle.db.select().from(stripeEvents).where(eq(stripeEvents.tenantId, t.tenantId))).length,
    revenue: (await h.handle.db.select().from(revenueEvents).where(eq(revenueEvents.tenantId, t.tenantId))).length,
  });

  it('connects: answers the endpoint URL, never the secret; connecting again rotates it under the same URL', async () => {
    const read = await t.api('/v1/integrations/stripe');
    expect(read.status).toBe(200);
    const body = (await read.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: expect.stringMatching(/^stc_/),
      endpointUrl: expect.stringMatching(/\/v1\/integrations\/stripe\/stc_\w+\/events$/),
      events: ['invoice.paid', 'charge.refunded', 'customer.subscription.deleted'],
      signingSecretHint: 'whsec_…CDEF',
    });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    const again = await t.api('/v1/integrations/stripe', { body: { signingSecret: SECRET } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(body.id);
    for (const bad of [{}, { signingSecret: 'sk_live_123456789' }, { signingSecret: SECRET, extra: 1 }]) {
      const res = await t.api('/v1/integrations/stripe', { body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const other = await seedTenant(h, 'Other');
    expect((await other.api('/v1/integrations/stripe')).status).toBe(404);
    expect((await h.request('/v1/integrations/stripe')).status).toBe(401);
  });

  it('keeps the signing secret sealed at rest; a plaintext row from before sealing still verifies and is sealed', async () => {
    const stored = async () =>
      (await h.handle.db.select().from(stripeConnections).where(eq(stripeConnections.tenantId, t.tenantId)))[0]!;
    const row = await stored();
    expect(row.signingSecret).toMatch(/^aesgcm1:/);
    expect(row.signingSecret).not.toContain(SECRET);
    expect(row.signingSecret).not.toContain(SECRET.slice(6));
    // Sealed for this workspace: the same value in another workspace's row does not open there.
    await expect(
      openSecret({ serverSecret: TEST_AUTH_SECRET, purpose: 'stripe-signing-secret' }, 'ten_other', row.signingSecret),
    ).rejects.toThrow();
    await expect(
      openSecret({ serverSecret: TEST_AUTH_SECRET, purpose: 'stripe-signing-secret' }, t.tenantId, row.signingSecret),
    ).resolves.toEqual({ secret: SECRET, legacy: false });
    // A row written in plaintext by an earlier version: events verify against it, and it is sealed on use.
    await h.handle.db.update(stripeConnections).set({ signingSecret: SECRET }).where(eq(stripeConnections.id, row.id));
    const unknown = await send(stripeEvent('customer.created', { id: 'cus_x' }, '2026-11-20T10:00:00Z'));
    expect(unknown.status).toBe(200);
    const resealed = await stored();
    expect(resealed.signingSecret).toMatch(/^aesgcm1:/);
    expect(resealed.signingSecret).not.toContain(SECRET);
    expect((await send(stripeEvent('customer.created', { id: 'cus_y' }, '2026-11-20T10:00:00Z'))).status).toBe(200);
    expect(
      (
        await send(stripeEvent('customer.created', { id: 'cus_z' }, '2026-11-20T10:00:00Z'), {
          secret: 'whsec_wrong_000000000000000',
        })
      ).status,
    ).toBe(401);
  });

  it('invoice.paid wins the lead with its first invoice, later invoices are payments; refunds and churn follow the customer id', async () => {
    const lead = await newLead('paid@acme.example', '2026-11-20T10:00:00Z');
    const customer = uid('cus');
    h.clock.set('2026-11-21T10:00:00Z');
    const first = await sendOk(
      invoicePaid({ customer, email: 'Paid@Acme.example', amount: 4900, at: '2026-11-21T09:00:00Z' }),
    );
    expect(first).toEqual({ received: true, outcome: 'applied', leadId: lead });
    expect(await statusOf(lead)).toBe('won');
    const [map] = await h.handle.db.select().from(stripeCustomers).where(eq(stripeCustomers.customerId, customer));
    expect(map!.leadId).toBe(lead);
    const won = ((await (await t.api(`/v1/leads/${lead}`)).json()) as { events: { type: string }[] }).events;
    expect(won.map((e) => e.type)).toContain('lead.won');

    h.clock.set('2026-12-21T10:00:00Z');
    // Later events carry only the customer id.
    await sendOk(invoicePaid({ customer, amount: 4900, at: '2026-12-21T09:00:00Z' }));
    await sendOk(chargeRefunded({ charge: uid('ch'), customer, refunded: 1500, at: '2026-12-21T09:30:00Z' }));
    await sendOk(subscriptionDeleted({ customer, unitAmount: 2450, quantity: 2, at: '2026-12-21T09:45:00Z' }));
    expect(await ledger(lead)).toEqual([
      { kind: 'deal', amountMinor: 4900, currency: 'USD' },
      { kind: 'payment', amountMinor: 4900, currency: 'USD' },
      { kind: 'refund', amountMinor: 1500, currency: 'USD' },
      { kind: 'churn', amountMinor: 4900, currency: 'USD' },
    ]);
    expect(await statusOf(lead)).toBe('churned');
  });

  it('processes each Stripe event id once', async () => {
    const lead = await newLead('replay@acme.example', '2026-11-20T10:00:00Z');
    h.clock.set('2026-11-22T10:00:00Z');
    const event = invoicePaid({
      customer: uid('cus'),
      email: 'replay@acme.example',
      amount: 1200,
      at: '2026-11-22T09:00:00Z',
    });
    expect((await sendOk(event)).outcome).toBe('applied');
    for (let i = 0; i < 3; i++)
      expect(await sendOk(event)).toEqual({ received: true, outcome: 'duplicate', leadId: null });
    expect(await ledger(lead)).toEqual([{ kind: 'deal', amountMinor: 1200, currency: 'USD' }]);
  });

  it('gives the same totals and status whatever order the events arrive in', async () => {
    const story = (customer: string, email: string, charge: string) => [
      invoicePaid({ customer, email, amount: 3000, at: '2026-11-23T09:00:00Z' }),
      invoicePaid({ customer, email, amount: 3000, at: '2026-11-24T09:00:00Z' }),
      chargeRefunded({ charge, customer, refunded: 1000, at: '2026-11-24T10:00:00Z' }),
      chargeRefunded({ charge, customer, refunded: 2500, at: '2026-11-24T11:00:00Z' }),
      subscriptionDeleted({ customer, unitAmount: 3000, quantity: 1, at: '2026-11-25T09:00:00Z' }),
    ];
    const orders = [
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
      [3, 4, 1, 2, 0],
    ];
    const results: unknown[] = [];
    for (const [i, order] of orders.entries()) {
      const email = `order${i}@acme.example`;
      const lead = await newLead(email, '2026-11-20T10:00:00Z');
      const events = story(uid('cus'), email, uid('ch'));
      h.clock.set('2026-11-26T10:00:00Z');
      for (const j of order) await sendOk(events[j]);
      results.push({ totals: await totals(lead), status: await statusOf(lead) });
    }
    expect(results[0]).toEqual({ totals: { revenue: 6000, refund: 2500, churn: 3000 }, status: 'churned' });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('keeps an event that matches nobody and applies it when its customer appears', async () => {
    const customer = uid('cus');
    h.clock.set('2026-11-27T10:00:00Z');
    // The subscription ends before anything says who the customer is: it waits.
    const churn = await sendOk(
      subscriptionDeleted({ customer, unitAmount: 900, quantity: 1, at: '2026-11-27T09:00:00Z' }),
    );
    expect(churn).toEqual({ received: true, outcome: 'pending', leadId: null });
    const paid = await sendOk(
      invoicePaid({ customer, email: 'later@acme.example', amount: 900, at: '2026-11-26T09:00:00Z' }),
    );
    expect(paid.outcome).toBe('pending');
    // The customer becomes a lead afterwards; the scheduler matches both events, the win first.
    const lead = await newLead('later@acme.example', '2026-11-28T10:00:00Z');
    expect((await runTick(h.handle.db, h.clock.now, h.deps)).stripeSettled).toBeGreaterThanOrEqual(1);
    expect(await totals(lead)).toEqual({ revenue: 900, churn: 900 });
    expect(await statusOf(lead)).toBe('churned');
    const rows = await h.handle.db.select().from(stripeEvents).where(eq(stripeEvents.customerId, customer));
    expect(rows.map((r) => [r.status, r.leadId])).toEqual([
      ['applied', lead],
      ['applied', lead],
    ]);
  });

  it('refuses a bad or missing signature with problem+json and stores nothing', async () => {
    await newLead('sig@acme.example', '2026-11-20T10:00:00Z');
    h.clock.set('2026-11-29T10:00:00Z');
    const event = invoicePaid({
      customer: uid('cus'),
      email: 'sig@acme.example',
      amount: 100,
      at: '2026-11-29T09:00:00Z',
    });
    const before = await storedCounts();
    const payload = JSON.stringify(event);
    const good = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      timestamp: sec('2026-11-29T10:00:00Z'),
    });
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      timestamp: sec('2026-11-29T09:00:00Z'),
    });
    const tampered = await h.request(eventsPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': good },
      body: payload.replace('"amount_paid":100', '"amount_paid":100000'),
    });
    for (const res of [
      await send(event, { secret: 'whsec_someone_elses_secret' }),
      await send(event, { header: null }),
      await send(event, { header: 't=1,v1=deadbeef' }),
      await send(event, { header: stale }),
      tampered,
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as { type: string }).type).toBe('https://inlet.dev/problems/unauthorized');
    }
    const unknown = await send(event, { path: '/v1/integrations/stripe/stc_01JD3Q5V7X9K2M4N6P8R0S2T4V/events' });
    expect(unknown.status).toBe(404);
    expect((await send(event, { path: '/v1/integrations/stripe/nope/events' })).status).toBe(400);
    expect(await storedCounts()).toEqual(before);
  });

  it('acknowledges unknown event types and stores nothing; takes bodies up to 1 MB', async () => {
    h.clock.set('2026-11-30T10:00:00Z');
    const before = await storedCounts();
    const other = stripeEvent('customer.created', { id: uid('cus'), object: 'customer' }, '2026-11-30T09:00:00Z');
    expect(await sendOk(other)).toEqual({ received: true, outcome: 'ignored', leadId: null });
    // Over the public 64 KB limit, within Stripe's: accepted.
    const big = stripeEvent(
      'customer.updated',
      { id: uid('cus'), object: 'customer', metadata: { blob: 'x'.repeat(200_000) } },
      '2026-11-30T09:00:00Z',
    );
    expect((await sendOk(big)).outcome).toBe('ignored');
    const huge = stripeEvent(
      'customer.updated',
      { id: uid('cus'), blob: 'x'.repeat(1_100_000) },
      '2026-11-30T09:00:00Z',
    );
    const res = await send(huge);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await storedCounts()).toEqual(before);
  });

  it('disconnecting stops the endpoint taking events', async () => {
    const other = await seedTenant(h, 'Leaving');
    const created = await other.api('/v1/integrations/stripe', { body: { signingSecret: SECRET } });
    const path = new URL(((await created.json()) as { endpointUrl: string }).endpointUrl).pathname;
    const event = stripeEvent('customer.created', { id: uid('cus') }, '2026-11-30T09:00:00Z');
    expect((await send(event, { path })).status).toBe(200);
    expect((await other.api('/v1/integrations/stripe', { method: 'DELETE' })).status).toBe(204);
    expect((await other.api('/v1/integrations/stripe', { method: 'DELETE' })).status).toBe(404);
    expect((await send(event, { path })).status).toBe(404);
  });
});
