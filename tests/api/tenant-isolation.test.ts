/**
 * Tenants never see each other: another tenant's ids answer exactly like unknown ids, lists never
 * include their rows, and keys are checked on every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('tenant isolation on %s', (kind) => {
  let h: Harness;
  let acme: TestTenant;
  let globex: TestTenant;
  let acmeForm: string;
  let acmeLead: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    acme = await seedTenant(h, 'Acme');
    globex = await seedTenant(h, 'Globex');
    acmeForm = (await acme.createForm()).id;
    const res = await submit(h, acmeForm, { values: { name: 'Secret', email: 'secret@acme.example' } });
    acmeLead = ((await res.json()) as any).leadId;
  });
  afterAll(() => h.close());

  const sameAsUnknown = (path: string, unknownPath: string, method = 'GET', body?: unknown) =>
    expectSameAsUnknown(globex.api, path, unknownPath, { method, body });
  const unknownForm = unknownId('form');
  const unknownLead = unknownId('lead');

  it("answers another tenant's lead exactly like an unknown lead", () =>
    sameAsUnknown(`/v1/leads/${acmeLead}`, `/v1/leads/${unknownLead}`));
  it("answers another tenant's form exactly like an unknown form", () =>
    sameAsUnknown(`/v1/forms/${acmeForm}`, `/v1/forms/${unknownForm}`));
  it("cannot change another tenant's form", () =>
    sameAsUnknown(`/v1/forms/${acmeForm}`, `/v1/forms/${unknownForm}`, 'PATCH', { name: 'pwned' }));
  it("cannot archive another tenant's form", () =>
    sameAsUnknown(`/v1/forms/${acmeForm}`, `/v1/forms/${unknownForm}`, 'DELETE'));

  it("cannot release, promote or bulk-reassign another tenant's lead", async () => {
    await sameAsUnknown(`/v1/leads/${acmeLead}/not-spam`, `/v1/leads/${unknownLead}/not-spam`, 'POST');
    await sameAsUnknown(`/v1/leads/${acmeLead}/promote`, `/v1/leads/${unknownLead}/promote`, 'POST');
    const bulk = await globex.api('/v1/leads/assign', { body: { ids: [acmeLead], repId: unknownId('rep') } });
    expect(bulk.status).toBe(404);
  });

  it("never exports another tenant's rows as CSV", async () => {
    const res = await globex.api(`/v1/leads?formId=${acmeForm}`, { headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const mine = await acme.api('/v1/leads', { headers: { accept: 'text/csv' } });
    expect(await mine.text()).toContain(acmeLead);
  });

  it("never lists another tenant's rows", async () => {
    const leads = (await (await globex.api('/v1/leads?limit=100')).json()) as any;
    expect(leads.data).toEqual([]);
    const forms = (await (await globex.api('/v1/forms?limit=100')).json()) as any;
    expect(forms.data).toEqual([]);
    const filtered = (await (await globex.api(`/v1/leads?formId=${acmeForm}`)).json()) as any;
    expect(filtered.data).toEqual([]);
    expect((await acme.api(`/v1/forms/${acmeForm}`)).status).toBe(200);
  });

  it('refuses requests without a key, with a malformed key, a wrong key or a revoked scheme (401)', async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      basic: 'Basic dXNlcjpwYXNz',
      garbage: 'Bearer not-a-key',
      unknown: `Bearer sk_live_${'A'.repeat(43)}`,
      truncated: `Bearer ${acme.key.slice(0, -1)}`,
    };
    for (const [name, auth] of Object.entries(cases)) {
      const res = await h.request('/v1/leads', { headers: auth ? { authorization: auth } : {} });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('content-type'), name).toMatch(/problem\+json/);
    }
  });

  it('never stores secret keys in clear', async () => {
    const { apiKeys } = await import('../../api/src/db/schema');
    const rows = await h.handle.db.select().from(apiKeys);
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toContain(acme.key);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
