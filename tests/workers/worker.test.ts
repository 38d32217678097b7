/**
 * The Workers entry in workerd: the same contract as the local runner, against Postgres through the
 * Hyperdrive binding, and the cron trigger running the scheduler.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../api/src/db/queries/tenants';
import { outbox } from '../../api/src/db/schema';
import { startWorkerRuntime, type WorkerRuntime } from '../helpers/worker-runtime';

const ORIGIN = 'https://www.example.com';

describe('Workers runtime (workerd)', () => {
  let w: WorkerRuntime;
  let key: string;
  let formId: string;
  let leadId: string;

  beforeAll(async () => {
    w = await startWorkerRuntime();
    key = (await createTenant(w.handle.db, { name: 'Edge' }, new Date())).secretKey;
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

  it('serves the OpenAPI document', async () => {
    const doc = (await (await w.fetch('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/public/forms/{formId}/submissions');
  });

  it('runs the scheduler on the cron trigger (the outbox gets dispatched)', async () => {
    const worker = await w.mf.getWorker();
    // The submission's own after-commit delivery may have run already; the tick must leave nothing pending.
    const result = await worker.scheduled({ cron: '* * * * *' });
    expect(result.outcome).toBe('ok');
    const rows = await w.handle.db.select().from(outbox).where(eq(outbox.topic, 'lead.created'));
    const mine = rows.filter((r) => (r.payload as { leadId?: string }).leadId === leadId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.dispatchedAt).not.toBeNull();
  });
});
