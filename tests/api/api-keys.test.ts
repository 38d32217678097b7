/** Secret keys: created with the secret shown once, listed by prefix, revoked at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, type Harness } from '../helpers/harness';

describe.each(testDbKinds)('API keys on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  const as = (key: string, path: string, init: RequestInit = {}) =>
    h.request(path, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    });

  it('creates a key whose secret works, and lists keys without secrets', async () => {
    const t = await seedTenant(h);
    const res = await t.api('/v1/api-keys', { body: { name: 'CRM sync' } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as any;
    expect(created).toMatchObject({
      name: 'CRM sync',
      id: expect.stringMatching(/^key_/),
      secret: expect.stringMatching(/^sk_live_/),
      revokedAt: null,
    });
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect((await as(created.secret, '/v1/leads')).status).toBe(200);
    const list = (await (await t.api('/v1/api-keys')).json()) as any;
    expect(list.data.map((k: any) => k.name)).toEqual(['CRM sync', 'Default secret key']);
    expect(JSON.stringify(list)).not.toContain(created.secret);
  });

  it('revokes a key at once', async () => {
    const t = await seedTenant(h);
    const { id, secret } = (await (await t.api('/v1/api-keys', { body: { name: 'Temp' } })).json()) as any;
    const res = await t.api(`/v1/api-keys/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).revokedAt).toBeTruthy();
    expect((await as(secret, '/v1/leads')).status).toBe(401);
    expect((await t.api('/v1/leads')).status).toBe(200);
  });

  it("cannot see or revoke another tenant's key", async () => {
    const a = await seedTenant(h, 'A');
    const b = await seedTenant(h, 'B');
    const { id, secret } = (await (await a.api('/v1/api-keys', { body: { name: 'Mine' } })).json()) as any;
    const attempt = await b.api(`/v1/api-keys/${id}`, { method: 'DELETE' });
    expect(attempt.status).toBe(404);
    expect((await as(secret, '/v1/leads')).status).toBe(200);
    const theirs = (await (await b.api('/v1/api-keys')).json()) as any;
    expect(theirs.data.some((k: any) => k.id === id)).toBe(false);
  });

  it('refuses a nameless key (422)', async () => {
    const t = await seedTenant(h);
    expect((await t.api('/v1/api-keys', { body: { name: '' } })).status).toBe(422);
  });
});
