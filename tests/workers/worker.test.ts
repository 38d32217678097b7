/**
 * The Workers entry in workerd: the same contract as the local runner, against Postgres through the
 * Hyperdrive binding, and the cron trigger running the scheduler.
 */
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../api/src/db/queries/tenants';
import { leads, outbox, revenueEvents } from '../../api/src/db/schema';
import { seedCapacityPolicy } from '../helpers/routing-seed';
import { startWorkerRuntime, type WorkerRuntime } from '../helpers/worker-runtime';

/** Runs `n` tasks with at most `width` in flight; results in task order. */
async function inFlight<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const ORIGIN = 'https://www.example.com';

describe('Workers runtime (workerd)', () => {
  let w: WorkerRuntime;
  let key: string;
  let tenantId: string;
  let formId: string;
  let leadId: string;

  beforeAll(async () => {
    w = await startWorkerRuntime();
    ({ secretKey: key, tenantId } = await createTenant(w.handle.db, { name: 'Edge' }, new Date()));
  }, 120_000);
  afterAll(() => w?.close());

  const authed = (path: string, body?: unknown) =>
    w.fetch(path, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('creates a form through the API', async () => {
    const res = await authed('/v1/forms', {
      name: 'Edge form',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true },
        { key: 'email', label: 'Email', type: 'email', required: true },
      ],
      allowedOrigins: [ORIGIN],
    });
    expect(res.status).toBe(201);
    formId = ((await res.json()) as { id: string }).id;
  });

  it('takes a submission from an allowed origin and stores it in Postgres', async () => {
    const res = await w.fetch(`/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': 'edge-1' },
      body: JSON.stringify({
        values: { name: 'Edge Ada', email: 'edge@example.com' },
        touchpoints: [{ url: `${ORIGIN}/?utm_source=newsletter&utm_medium=email`, occurredAt: '2026-11-25T10:00:00Z' }],
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await res.json()) as { leadId: string; status: string };
    expect(body.status).toBe('accepted');
    leadId = body.leadId;

    const replay = await w.fetch(`/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': 'edge-1' },
      body: JSON.stringify({
        values: { name: 'Edge Ada', email: 'edge@example.com' },
        touchpoints: [{ url: `${ORIGIN}/?utm_source=newsletter&utm_medium=email`, occurredAt: '2026-11-25T10:00:00Z' }],
      }),
    });
    expect(((await replay.json()) as { leadId: string }).leadId).toBe(leadId);
  });

  it('reads the lead back with its touchpoints', async () => {
    const lead = (await (await authed(`/v1/leads/${leadId}`)).json()) as any;
    expect(lead.values).toEqual({ name: 'Edge Ada', email: 'edge@example.com' });
    expect(lead.touchpoints).toHaveLength(1);
    expect(lead.touchpoints[0]).toMatchObject({ channel: 'email', source: 'newsletter' });
  });

  it('verifies Stripe signatures with SubtleCrypto in workerd and wins the lead with a paid invoice', async () => {
    const secret = 'whsec_edge_0123456789abcdef';
    const connected = await authed('/v1/integrations/stripe', { signingSecret: secret });
    expect(connected.status).toBe(201);
    const { pathname } = new URL(((await connected.json()) as { endpointUrl: string }).endpointUrl);
    const now = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({
      id: 'evt_edge_1',
      object: 'event',
      created: now,
      type: 'invoice.paid',
      data: {
        object: {
          id: 'in_edge_1',
          object: 'invoice',
          customer: 'cus_edge',
          customer_email: 'edge@example.com',
          amount_paid: 2500,
          currency: 'eur',
          status_transitions: { paid_at: now - 60 },
        },
      },
    });
    const send = (header: string) =>
      w.fetch(pathname, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
    const forged = await send(Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_it_0123456789' }));
    expect(forged.status).toBe(401);
    const res = await send(Stripe.webhooks.generateTestHeaderString({ payload, secret }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: 'applied', leadId });
    const ledger = await w.handle.db.select().from(revenueEvents).where(eq(revenueEvents.leadId, leadId));
    expect(ledger.map((r) => [r.kind, r.amountMinor, r.currency])).toEqual([['deal', 2500, 'EUR']]);
  });

  it('answers bad input with problem+json, as in Node', async () => {
    const res = await w.fetch(`/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await w.fetch('/v1/leads')).status).toBe(401);
  });

  it('serves the widget as a static asset and dashboard routes as the app', async () => {
    const widget = await w.fetch('/widget.js');
    expect(widget.status).toBe(200);
    expect(await widget.text()).toContain('inlet.v1.touch');
    const route = await w.fetch('/app/leads/lead_01JD3Q5V7X9K2M4N6P8R0S2T4V');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="app"></div>');
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await (await w.fetch('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/public/forms/{formId}/submissions');
  });

  it('holds the capacity gate exactly when 200 submissions race through workerd', async () => {
    const K = 7;
    const form = await authed('/v1/forms', {
      name: 'Gated',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true },
        { key: 'email', label: 'Email', type: 'email', required: true },
      ],
      allowedOrigins: [ORIGIN],
    });
    const gatedId = ((await form.json()) as { id: string }).id;
    await seedCapacityPolicy(w.handle.db, tenantId, gatedId, {
      limit: { count: K, per: 'day' },
      whenFull: { action: 'waitlist' },
    });
    const send = (i: number) =>
      w.fetch(`/v1/public/forms/${gatedId}/submissions`, {
        method: 'POST',
        // 200 different visitors (Cloudflare sets this header; the burst guard counts per address)
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': `198.51.100.${i % 250}` },
        body: JSON.stringify({ values: { name: `Racer ${i}`, email: `racer${i}@example.com` } }),
      });
    // 40 in flight at a time keeps the gate contended without overrunning Miniflare's loopback (which
    // retried and failed whole requests at 200 at once). Served by pglite-socket (one connection at a
    // time) the requests would only queue: send them in turn there.
    const answers = await inFlight(200, w.kind === 'postgres' ? 40 : 1, async (i) => {
      const res = await send(i);
      return { status: res.status, body: (await res.json()) as { status: string } };
    });
    const bodies = answers.map((a) => a.body);
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(K);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(200 - K);
  });

  it('runs the scheduler on the cron trigger: the SLA sweep marks an overdue lead breached and sends it', async () => {
    // Only the tick's sweep breaches a lead (no request does), so this fails if scheduled() does nothing.
    const dueAt = new Date(Date.now() - 3600_000);
    const overdue = and(eq(leads.tenantId, tenantId), eq(leads.id, leadId));
    const clock = { slaPhase: 'first_response', slaState: 'running', slaDueAt: dueAt, slaNextCheckAt: dueAt } as const;
    await w.handle.db.update(leads).set(clock).where(overdue);
    const worker = await w.mf.getWorker();
    const result = await worker.scheduled({ cron: '* * * * *' });
    expect(result.outcome).toBe('ok');
    // scheduled() hands the tick to waitUntil: the outcome may come before the tick's commit.
    await expect
      .poll(async () => (await w.handle.db.select().from(leads).where(overdue))[0])
      .toMatchObject({ slaState: 'breached', slaBreachedAt: dueAt, slaNextCheckAt: null });
    const breaches = (await w.handle.db.select().from(outbox).where(eq(outbox.topic, 'lead.sla_breached'))).filter(
      (r) => (r.payload as { leadId?: string }).leadId === leadId,
    );
    expect(breaches).toHaveLength(1);
    // The tick dispatches what its sweep wrote in the same run.
    const sent = async () =>
      (await w.handle.db.select().from(outbox).where(eq(outbox.id, breaches[0]!.id)))[0]!.dispatchedAt;
    await expect.poll(sent).not.toBeNull();
  });
});
