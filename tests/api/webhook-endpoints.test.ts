import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../../api/src/local/node-app';
import { testDbKinds } from '../helpers/db';
import { unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';
import { createEndpoint } from '../helpers/webhooks';

const HOOK = 'https://hooks.example.com/inlet';
const UNKNOWN = unknownId('endpoint');

describe.each(testDbKinds)('webhook endpoints on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  /** The same API as production answers it: private targets refused (the harness allows them for its receiver). */
  let strictPost: (body: unknown, path?: string, method?: string) => Promise<Response>;

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    const strict = createNodeApp({ handle: h.handle, now: () => h.clock.now, allowPrivateWebhookTargets: false }).app;
    strictPost = async (body, path = '/v1/webhook-endpoints', method = 'POST') =>
      strict.request(path, {
        method,
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
  });
  afterAll(() => h.close());

  it('creates an endpoint and shows its Standard Webhooks secret at creation and on request only', async () => {
    const res = await t.api('/v1/webhook-endpoints', {
      body: { url: HOOK, description: 'CRM sync', topics: ['lead.created', 'lead.*'] },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as any;
    expect(created).toMatchObject({
      url: HOOK,
      description: 'CRM sync',
      topics: ['lead.created', 'lead.*'],
      enabled: true,
      disabledReason: null,
    });
    expect(created.id).toMatch(/^whe_/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const read = (await (await t.api(`/v1/webhook-endpoints/${created.id}`)).json()) as any;
    const { secret, ...withoutSecret } = created;
    expect(read).toEqual(withoutSecret);
    const shown = (await (await t.api(`/v1/webhook-endpoints/${created.id}/secret`)).json()) as any;
    expect(shown).toEqual({ secret, previousSecretExpiresAt: null });
  });

  it('changes and deletes an endpoint', async () => {
    const e = await createEndpoint(t, HOOK, ['lead.created']);
    const patched = await t.api(`/v1/webhook-endpoints/${e.id}`, {
      method: 'PATCH',
      body: { topics: ['*'], enabled: false, description: null },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ topics: ['*'], enabled: false, description: null, url: HOOK });
    expect((await t.api(`/v1/webhook-endpoints/${e.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/webhook-endpoints/${e.id}`)).status).toBe(404);
    expect((await t.api(`/v1/webhook-endpoints/${e.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('rotates the secret; the old one keeps signing for 24 hours', async () => {
    h.clock.set('2026-11-25T10:00:00Z');
    const e = await createEndpoint(t, HOOK);
    const res = await t.api(`/v1/webhook-endpoints/${e.id}/rotate-secret`, { method: 'POST' });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as any;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(e.secret);
    expect(rotated.previousSecretExpiresAt).toBe('2026-11-26T10:00:00.000Z');
    expect(await (await t.api(`/v1/webhook-endpoints/${e.id}/secret`)).json()).toEqual(rotated);
    h.clock.set('2026-11-26T10:00:01Z');
    expect(await (await t.api(`/v1/webhook-endpoints/${e.id}/secret`)).json()).toEqual({
      secret: rotated.secret,
      previousSecretExpiresAt: null,
    });
  });

  it('pages through endpoints with a cursor, newest first', async () => {
    const fresh = await seedTenant(h, 'Pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createEndpoint(fresh, `${HOOK}/${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await fresh.api(`/v1/webhook-endpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as any;
      expect(page.data.length).toBeLessThanOrEqual(2);
      expect(page.data.every((e: any) => e.secret === undefined)).toBe(true);
      seen.push(...page.data.map((e: any) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses invalid definitions with 422 and the paths at fault', async () => {
    const cases: [unknown, string[]][] = [
      [{ topics: ['lead.created'] }, ['url']],
      [{ url: HOOK, topics: [] }, ['topics']],
      [{ url: HOOK, topics: ['Lead Created'] }, ['topics.0']],
      [{ url: HOOK, topics: ['*', 'lead.created'] }, ['topics']],
      [{ url: HOOK, topics: ['lead.created', 'lead.created'] }, ['topics']],
      [{ url: HOOK, topics: ['*'], description: 'x'.repeat(501) }, ['description']],
      [{ url: HOOK, topics: ['*'], secret: 'whsec_mine' }, ['(root)']],
      [{ url: 'ftp://example.com/', topics: ['*'] }, ['url']],
      [{ url: 'https://user:pw@hooks.example.com/', topics: ['*'] }, ['url']],
    ];
    for (const [body, paths] of cases) {
      const res = await t.api('/v1/webhook-endpoints', { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as any).errors.map((e: any) => e.path)).toEqual(paths);
    }
    expect((await t.api('/v1/webhook-endpoints/not-an-id')).status).toBe(400);
  });

  it.each([
    ['http://hooks.example.com/', 'must use https'],
    ['https://127.0.0.1:8787/_local/admin', 'private, loopback or link-local'],
    ['https://169.254.169.254/latest/meta-data/', 'private, loopback or link-local'],
    ['https://10.0.0.8/', 'private, loopback or link-local'],
    ['https://100.64.1.1/', 'private, loopback or link-local'],
    ['https://[::1]/', 'private, loopback or link-local'],
    ['https://[::ffff:192.168.0.1]/', 'private, loopback or link-local'],
    ['https://localhost/', 'internal host name'],
    ['https://metadata.google.internal/', 'internal host name'],
    ['https://nas.local/', 'internal host name'],
  ])('refuses %s as a target (SSRF)', async (url, reason) => {
    const res = await strictPost({ url, topics: ['*'] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].path).toBe('url');
    expect(body.errors[0].message).toContain(reason);
  });

  it('checks the URL on update too, and stores nothing refused', async () => {
    const e = await createEndpoint(t, HOOK);
    const res = await strictPost({ url: 'https://192.168.1.1/' }, `/v1/webhook-endpoints/${e.id}`, 'PATCH');
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).errors[0].path).toBe('url');
    expect(((await (await t.api(`/v1/webhook-endpoints/${e.id}`)).json()) as any).url).toBe(HOOK);
    expect((await strictPost({ url: 'https://hooks.example.org/x', topics: ['*'] })).status).toBe(201);
  });

  it("answers another tenant's endpoint exactly like an unknown one", async () => {
    const mine = await createEndpoint(t, HOOK);
    const other = await seedTenant(h, 'Intruder');
    const attempts: [string, string, unknown?][] = [
      ['GET', ''],
      ['PATCH', '', { enabled: false }],
      ['DELETE', ''],
      ['GET', '/secret'],
      ['POST', '/rotate-secret'],
    ];
    for (const [method, suffix, body] of attempts) {
      const theirs = await other.api(`/v1/webhook-endpoints/${mine.id}${suffix}`, { method, body });
      const unknown = await other.api(`/v1/webhook-endpoints/${UNKNOWN}${suffix}`, { method, body });
      expect(theirs.status, `${method} ${suffix}`).toBe(404);
      const strip = (b: any) => ({ ...b, requestId: undefined });
      expect(strip(await theirs.json())).toEqual(strip(await unknown.json()));
    }
    const list = (await (await other.api('/v1/webhook-endpoints')).json()) as any;
    expect(list).toEqual({ data: [], nextCursor: null });
    // Nothing changed for the owner.
    const still = (await (await t.api(`/v1/webhook-endpoints/${mine.id}/secret`)).json()) as any;
    expect(still).toEqual({ secret: mine.secret, previousSecretExpiresAt: null });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await h.request('/openapi.json')).json()) as any;
    for (const p of [
      '/v1/webhook-endpoints',
      '/v1/webhook-endpoints/{id}',
      '/v1/webhook-endpoints/{id}/secret',
      '/v1/webhook-endpoints/{id}/rotate-secret',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    // The generator may inline the extension or express it as allOf over WebhookEndpoint.
    const created = doc.components.schemas.CreatedWebhookEndpoint;
    const parts = [created, ...(created.allOf ?? [])];
    expect(parts.some((p: any) => p.properties?.secret)).toBe(true);
  });
});
