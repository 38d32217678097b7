import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('submissions on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
  });
  afterAll(() => h.close());

  it('stores a lead with its touchpoints and reads it back through the API', async () => {
    const res = await submit(h, formId, {
      values: { name: 'Ada Lovelace', email: 'Ada@Example.COM', size: 12, plan: 'pro', consent: true },
      visitorId: 'visitor_abc12345',
      touchpoints: [
        {
          url: 'https://www.example.com/pricing',
          referrer: 'https://www.example.com/',
          occurredAt: '2026-11-20T09:05:00Z',
        },
        {
          url: 'https://www.example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=launch',
          referrer: '',
          occurredAt: '2026-11-20T09:00:00Z',
        },
        {
          url: 'https://www.example.com/demo?gclid=Cj0KCQ',
          referrer: 'https://www.google.com/',
          occurredAt: '2026-11-24T15:00:00Z',
        },
      ],
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { leadId: string; status: string };
    expect(body.status).toBe('accepted');
    expect(body.leadId).toMatch(/^lead_/);

    const lead = (await (await t.api(`/v1/leads/${body.leadId}`)).json()) as Record<string, any>;
    expect(lead.values).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      size: 12,
      plan: 'pro',
      consent: true,
    });
    expect(lead.formId).toBe(formId);
    expect(lead.visitorId).toBe('visitor_abc12345');
    expect(lead.status).toBe('open');
    // Touches are ordered by time whatever order they were sent in.
    expect(lead.touchpoints.map((tp: any) => tp.occurredAt)).toEqual([
      '2026-11-20T09:00:00.000Z',
      '2026-11-20T09:05:00.000Z',
      '2026-11-24T15:00:00.000Z',
    ]);
    expect(lead.firstTouch).toMatchObject({
      channel: 'email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'launch',
    });
    expect(lead.lastTouch).toMatchObject({ channel: 'paid_search', source: 'google', clickIds: { gclid: 'Cj0KCQ' } });
    expect(lead.touchpoints[1]).toMatchObject({ channel: 'direct', landingPage: 'https://www.example.com/pricing' });
    // No routing rule and no fallback: nothing to route, so no lead.routed event.
    expect(lead.events.map((e: any) => e.type)).toEqual(['lead.created']);
  });

  it('lists the lead with first and last touch', async () => {
    const res = await submit(
      h,
      formId,
      { values: { name: 'Grace', email: 'grace@example.org' } },
      { referer: 'https://www.example.com/landing?utm_source=linkedin&utm_medium=paid_social' },
    );
    const { leadId } = (await res.json()) as { leadId: string };
    const list = (await (await t.api('/v1/leads?limit=5')).json()) as { data: any[]; nextCursor: string | null };
    const row = list.data.find((l) => l.id === leadId);
    // No touchpoints in the body: the server records one from the request's page.
    expect(row.firstTouch).toMatchObject({
      channel: 'paid_social',
      source: 'linkedin',
      landingPage: 'https://www.example.com/landing?utm_source=linkedin&utm_medium=paid_social',
    });
    expect(row.lastTouch).toEqual(row.firstTouch);
  });

  it('answers a replay with the first answer and stores nothing new', async () => {
    const body = { values: { name: 'Replay', email: 'replay@example.com' } };
    const first = await submit(h, formId, body, { 'idempotency-key': 'replay-1' });
    const before = await t.rowCounts();
    // Same content with keys in another order is the same request.
    const again = await submit(
      h,
      formId,
      { values: { email: 'replay@example.com', name: 'Replay' } },
      { 'idempotency-key': 'replay-1' },
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await t.rowCounts()).toEqual(before);
  });

  it('refuses the same key with another body (409) and stores nothing', async () => {
    await submit(h, formId, { values: { name: 'One', email: 'one@example.com' } }, { 'idempotency-key': 'conflict-1' });
    const before = await t.rowCounts();
    const res = await submit(
      h,
      formId,
      { values: { name: 'Two', email: 'two@example.com' } },
      { 'idempotency-key': 'conflict-1' },
    );
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as any).type).toBe('https://inlet.dev/problems/idempotency-conflict');
    expect(await t.rowCounts()).toEqual(before);
  });

  it('stores one lead when the same key races in concurrently', async () => {
    const before = await t.rowCounts();
    const body = { values: { name: 'Race', email: 'race@example.com' } };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => submit(h, formId, body, { 'idempotency-key': 'race-1' })),
    );
    const ids = new Set<string>();
    for (const a of answers) {
      expect(a.status).toBe(201);
      ids.add(((await a.json()) as any).leadId);
    }
    expect(ids.size).toBe(1);
    const after = await t.rowCounts();
    expect(after.leads - before.leads).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
  });

  it('writes the outbox message in the same transaction as the lead', async () => {
    const before = await t.rowCounts();
    await submit(h, formId, { values: { name: 'Outbox', email: 'outbox@example.com' } });
    const after = await t.rowCounts();
    expect(after.leads - before.leads).toBe(1);
    expect(after.leadEvents - before.leadEvents).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
  });

  it('keeps spam out of lists and notifications but still answers like a lead', async () => {
    const before = await t.rowCounts();
    const res = await submit(h, formId, {
      values: { name: 'Bot', email: 'bot@example.com' },
      honeypot: 'http://spam.example',
      fillMs: 40,
    });
    expect(res.status).toBe(201);
    const { leadId, status } = (await res.json()) as any;
    expect(status).toBe('accepted');
    const after = await t.rowCounts();
    expect(after.outbox).toBe(before.outbox);
    const list = (await (await t.api('/v1/leads?limit=100')).json()) as any;
    expect(list.data.some((l: any) => l.id === leadId)).toBe(false);
    const spam = (await (await t.api('/v1/leads?status=spam')).json()) as any;
    expect(spam.data.map((l: any) => l.id)).toContain(leadId);
  });

  it('serves the public form with its availability to an allowed origin', async () => {
    const res = await h.request(`/v1/public/forms/${formId}`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const form = (await res.json()) as any;
    expect(form.availability).toEqual({ state: 'open' });
    expect(form.fields.map((f: any) => f.key)).toEqual(['name', 'email', 'phone', 'size', 'plan', 'consent']);
    expect(form).not.toHaveProperty('allowedOrigins');
  });

  it('answers a CORS preflight from an allowed origin only', async () => {
    const ok = await h.request(`/v1/public/forms/${formId}/submissions`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const no = await h.request(`/v1/public/forms/${formId}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(no.status).toBe(403);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});
