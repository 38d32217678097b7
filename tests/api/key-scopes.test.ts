/**
 * Key scopes through the real app: every operation of /openapi.json has a permission; for every
 * operation × every single-scope key a real request is refused (403 insufficient-scope, before its
 * body is read, storing nothing) exactly when the scope does not grant it; keys make no key with
 * more than they have and record who made them; webhook signing secrets need a full key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_SCOPES, type KeyScope } from '../../api/src/domain/access';
import { isOutsideMap, permissionFor, ROUTE_PERMISSIONS, scopeGrants } from '../../api/src/domain/permissions';
import { problemType } from '../../api/src/errors';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';
import { type OperationRequest, requestFor, seedWorld, type WorldIds } from '../helpers/operation-requests';
import { expectAllowed, expectDenied } from '../helpers/permission-matrix';
import { changedTables, snapshotTables } from '../helpers/table-snapshot';

const SINGLE_SCOPES = KEY_SCOPES.filter((s) => s !== 'full');
const INSUFFICIENT_SCOPE = problemType('insufficient_scope');

describe.each(testDbKinds)('key scopes on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let ids: WorldIds;
  let operations: string[];
  let doc: { paths: Record<string, Record<string, { 'x-required-permission'?: string; responses: object }>> };

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    ids = await seedWorld(h, t);
    doc = (await (await h.request('/openapi.json')).json()) as typeof doc;
    operations = Object.entries(doc.paths)
      .filter(([path]) => !isOutsideMap(path))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  }, 180_000);
  afterAll(() => h.close());

  const send = (key: string, req: { method: string; path: string; body?: unknown }, rawBody?: string) =>
    h.request(req.path, {
      method: req.method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(req.body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
    });

  async function mintKey(scopes: KeyScope[], name = scopes.join(' ')) {
    const res = await t.api('/v1/api-keys', { body: { name, scopes } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string; scopes: KeyScope[]; createdBy: string | null };
  }

  it('every operation of /openapi.json has a permission, and the map names no operation that is not there', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const unmapped = operations.filter((op) => !(op in ROUTE_PERMISSIONS));
    expect(unmapped, 'operations without an entry in domain/permissions.ts ROUTE_PERMISSIONS').toEqual([]);
    const stale = Object.keys(ROUTE_PERMISSIONS).filter((op) => !operations.includes(op));
    expect(stale, 'entries for operations the API does not have').toEqual([]);
    // The document names each operation's permission and its 403, from the same map.
    for (const op of operations) {
      const [method, path] = op.split(' ') as [string, string];
      const described = doc.paths[path]![method.toLowerCase()]!;
      expect(described['x-required-permission'], op).toBe(ROUTE_PERMISSIONS[op]);
      expect(described.responses, op).toHaveProperty('403');
    }
    // A concrete request path finds its own operation, not a neighbour's.
    for (const op of operations) {
      const { method, path } = await requestFor(t, op, ids);
      expect(permissionFor(method, path.split('?')[0]!)?.operation).toBe(op);
    }
  });

  it('a full key may do every operation: the matrix requests are valid ones', async () => {
    const full = await mintKey(['full']);
    await expectAllowed(t, ids, (req) => send(full.secret, req), operations, 'full');
  });

  describe.each(SINGLE_SCOPES)('a %s key', (scope) => {
    let key: string;
    const granted = (op: string) => scopeGrants(scope).includes(ROUTE_PERMISSIONS[op]!);
    beforeAll(async () => {
      key = (await mintKey([scope])).secret;
    });

    it('is refused every operation its scope does not grant: 403 insufficient-scope before the body is read, nothing stored', async () => {
      const sender = (req: OperationRequest, raw?: string) => send(key, req, raw);
      await expectDenied(
        h,
        t,
        ids,
        sender,
        operations.filter((op) => !granted(op)),
        INSUFFICIENT_SCOPE,
        scope,
      );
    });

    it('is let through every operation its scope grants (never 403)', async () => {
      const allowed = operations.filter(granted);
      expect(allowed.length).toBeGreaterThan(0);
      await expectAllowed(t, ids, (req) => send(key, req), allowed, scope);
    });

    it('cannot make a key, not even one with its own scope; the refusal says why; nothing stored', async () => {
      await h.settle(); // deliveries the granted rows caused, out of the way of the snapshot
      const before = await snapshotTables(h.handle.db);
      for (const scopes of [[scope], ['full'], SINGLE_SCOPES]) {
        const res = await send(key, { method: 'POST', path: '/v1/api-keys', body: { name: 'More', scopes } });
        expect(res.status).toBe(403);
        const problem = (await res.json()) as { type: string; detail: string };
        expect(problem.type).toBe(INSUFFICIENT_SCOPE);
        expect(problem.detail).toMatch(/only a full key or a workspace owner/i);
        expect(problem.detail).toMatch(/never make a key with more than it has/);
      }
      expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
    });
  });

  it('a key with every narrow scope still reaches no secret and no key', async () => {
    const { secret } = await mintKey([...SINGLE_SCOPES]);
    const blocked = ['GET /v1/webhook-endpoints/{id}/secret', 'POST /v1/webhook-endpoints/{id}/rotate-secret'];
    for (const op of [...blocked, 'POST /v1/webhook-endpoints', 'GET /v1/api-keys', 'DELETE /v1/api-keys/{id}'])
      expect((await send(secret, await requestFor(t, op, ids))).status, op).toBe(403);
    expect((await send(secret, await requestFor(t, 'PATCH /v1/webhook-endpoints/{id}', ids))).status).toBe(200);
  });

  it('a settings:read key reads a webhook endpoint without its secret; the secret itself is refused', async () => {
    const { secret } = await mintKey(['settings:read']);
    const signing = (await (await t.api(`/v1/webhook-endpoints/${ids.endpoint}/secret`)).json()) as { secret: string };
    const one = await send(secret, { method: 'GET', path: `/v1/webhook-endpoints/${ids.endpoint}` });
    expect(one.status).toBe(200);
    const body = await one.text();
    expect(JSON.parse(body)).not.toHaveProperty('secret');
    expect(body).not.toContain(signing.secret);
    const list = await (await send(secret, { method: 'GET', path: '/v1/webhook-endpoints' })).text();
    expect(list).toContain(ids.endpoint);
    expect(list).not.toContain(signing.secret);
    expect((await send(secret, { method: 'GET', path: `/v1/webhook-endpoints/${ids.endpoint}/secret` })).status).toBe(
      403,
    );
  });

  it('a key records who made it and its scopes; keys made before scopes are full', async () => {
    const listKeys = async () =>
      (
        (await (await t.api('/v1/api-keys?limit=100')).json()) as {
          data: { id: string; name: string; scopes: string[]; createdBy: string | null }[];
        }
      ).data;
    const defaultKey = (await listKeys()).find((k) => k.name === 'Default secret key')!;
    expect(defaultKey).toMatchObject({ scopes: ['full'], createdBy: null });
    const maker = await mintKey(['full'], 'Maker');
    expect(maker.createdBy).toBe(`api_key:${defaultKey.id}`);
    const made = await send(maker.secret, {
      method: 'POST',
      path: '/v1/api-keys',
      body: { name: 'BI', scopes: ['leads:read', 'reports:read'] },
    });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({
      scopes: ['leads:read', 'reports:read'],
      createdBy: `api_key:${maker.id}`,
    });
    const defaulted = await send(maker.secret, { method: 'POST', path: '/v1/api-keys', body: { name: 'Plain' } });
    expect(await defaulted.json()).toMatchObject({ scopes: ['full'], createdBy: `api_key:${maker.id}` });
    expect((await listKeys()).find((k) => k.name === 'BI')).toMatchObject({ createdBy: `api_key:${maker.id}` });
  });

  it.each([
    [['full', 'leads:read'], 'stands alone'],
    [['leads:read', 'leads:read'], 'must not repeat'],
    [[], ''],
    [['leads:delete'], ''],
    ['full', ''],
  ])('refuses scopes %j (422) and stores nothing', async (scopes, message) => {
    await h.settle();
    const before = await snapshotTables(h.handle.db);
    const res = await t.api('/v1/api-keys', { body: { name: 'Bad', scopes } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: string }).detail).toContain(message);
    expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
  });

  it('an operation the map does not list is refused even with a full key (default deny)', async () => {
    for (const [method, path] of [
      ['GET', '/v1/not-a-resource'],
      ['PUT', `/v1/leads/${ids.lead}`],
      ['GET', '/v1/leads/'],
    ] as const) {
      const res = await t.api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { type: string }).type).toBe(INSUFFICIENT_SCOPE);
    }
  });
});
