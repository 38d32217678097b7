/**
 * INLET_TRUST_PROXY over real HTTP: the Node server believes exactly the trusted hops of
 * X-Forwarded-For and X-Forwarded-Proto, so each visitor behind a proxy gets their own burst bucket
 * (IPv6 clients by /64) and https decisions see the client's scheme; untrusted, both headers are ignored.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../../api/src/local/node-app';
import { createHarness, CONTACT_FIELDS, ORIGIN, seedTenant } from '../helpers/harness';
import type { DatabaseHandle } from '../../api/src/db/database';

const PER_MINUTE = 2;

async function serve(handle: DatabaseHandle, trustProxy: number) {
  const { app } = createNodeApp({ handle, trustProxy, limits: { submissionsPerMinute: PER_MINUTE } });
  const server = createAdaptorServer({ fetch: app.fetch }) as http.Server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((r) => server.close(r)) };
}

describe('INLET_TRUST_PROXY', () => {
  let handle: DatabaseHandle;
  let formId: string;
  let n = 0;

  beforeAll(async () => {
    // A tenant and a form made through the harness, then a real server over the same database.
    const h = await createHarness('pglite');
    const t = await seedTenant(h);
    formId = (await t.createForm({ fields: CONTACT_FIELDS })).id;
    handle = h.handle;
  });
  afterAll(() => handle?.close());

  const submitVia = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify({ values: { name: 'Ada', email: `ada${n++}@example.com` }, fillMs: 5000 }),
    }).then((r) => r.status);

  it('trusting one hop, gives each forwarded client its own bucket and reads their scheme', async () => {
    const s = await serve(handle, 1);
    try {
      const a = { 'x-forwarded-for': '203.0.113.7' };
      const b = { 'x-forwarded-for': '198.51.100.9' };
      expect([await submitVia(s.base, a), await submitVia(s.base, a), await submitVia(s.base, a)]).toEqual([
        201, 201, 429,
      ]);
      expect(await submitVia(s.base, b)).toBe(201);
      // What a client prepends itself is not believed: the proxy's hop decides the bucket.
      expect(await submitVia(s.base, { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' })).toBe(429);
      // One IPv6 client may use any address of its /64: one bucket.
      const v6 = ['2001:db8:1:2::1', '2001:db8:1:2:ffff::9', '2001:DB8:1:2::abcd'];
      expect(await Promise.all(v6.map((ip) => submitVia(s.base, { 'x-forwarded-for': ip })))).toContain(429);
      expect(await submitVia(s.base, { 'x-forwarded-for': '2001:db8:1:3::1' })).toBe(201);

      const https = await fetch(`${s.base}/openapi.json`, {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      });
      expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const plain = await fetch(`${s.base}/openapi.json`, { headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('trusting nothing (the default), ignores both headers: one bucket, plain http', async () => {
    const s = await serve(handle, 0);
    try {
      const statuses = [];
      for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
        statuses.push(await submitVia(s.base, { 'x-forwarded-for': ip }));
      expect(statuses).toEqual([201, 201, 429]);
      const res = await fetch(`${s.base}/openapi.json`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await s.close();
    }
  });
});
