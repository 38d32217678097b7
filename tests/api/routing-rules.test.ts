/**
 * Routing rules and the fallback through the API: order, the condition language's 400, references
 * only to the tenant's own teams and reps, reorder, and a routing version bump with every write
 * (which is what makes the submission path see the change).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, routingRules, tenants } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { CONTACT_FIELDS, createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN_RULE = unknownId('rule');
const EVERYONE = { all: [] };
const GERMANY = { field: 'values.country', op: 'eq', value: 'DE' };

describe.each(testDbKinds)('routing rules on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  /** A fresh tenant with two teams of one rep each (fresh, so positions and versions start at 0). */
  async function setup(name = 'Acme') {
    const t = await seedTenant(h, name);
    const make = async (path: string, body: Record<string, unknown>) => {
      const res = await t.api(path, { body });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const teamA = await make('/v1/teams', { name: 'A' });
    const teamB = await make('/v1/teams', { name: 'B' });
    const repA = await make('/v1/reps', { teamId: teamA, name: 'Ann', email: 'ann@seller.example' });
    const repB = await make('/v1/reps', { teamId: teamB, name: 'Bob', email: 'bob@seller.example' });
    const rule = (body: Record<string, unknown> = {}) =>
      make('/v1/routing/rules', {
        name: 'Everyone',
        condition: EVERYONE,
        action: { teamId: teamA, strategy: 'round_robin' },
        ...body,
      });
    const version = async () =>
      (await h.handle.db.select({ v: tenants.routingVersion }).from(tenants).where(eq(tenants.id, t.tenantId)))[0]!.v;
    const list = async () =>
      ((await (await t.api('/v1/routing/rules?limit=100')).json()) as any).data as { id: string; position: number }[];
    return { t, teamA, teamB, repA, repB, rule, version, list };
  }
  const problem = async (res: Response) =>
    (await res.json()) as { type: string; errors: { path: string; message: string }[] };

  it('creates rules at the end of the order, reads them back, and bumps the routing version each time', async () => {
    const { t, teamA, teamB, rule, version } = await setup();
    const res = await t.api('/v1/routing/rules', {
      body: {
        name: 'DACH to A',
        condition: { any: [GERMANY, { field: 'email.domain', op: 'ends_with', value: '.at' }] },
        action: {
          teamId: teamA,
          strategy: 'weighted_round_robin',
          ownerMatching: true,
          overflow: { kind: 'next_team', teamId: teamB },
        },
      },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as any;
    expect(created).toMatchObject({
      position: 0,
      enabled: true,
      name: 'DACH to A',
      condition: { any: [GERMANY, { field: 'email.domain', op: 'ends_with', value: '.at' }] },
    });
    expect(created.action).toEqual({
      teamId: teamA,
      strategy: 'weighted_round_robin',
      ownerMatching: true,
      overflow: { kind: 'next_team', teamId: teamB },
    });
    expect(await (await t.api(`/v1/routing/rules/${created.id}`)).json()).toEqual(created);
    await rule();
    const third = await rule({ enabled: false });
    expect(((await (await t.api(`/v1/routing/rules/${third}`)).json()) as any).position).toBe(2);
    expect(await version()).toBe(3);
  });

  it('answers an SLA-aware action with its option, as stored', async () => {
    const { t, teamA } = await setup();
    const action = { teamId: teamA, strategy: 'round_robin', slaAware: true, overflow: { kind: 'unassigned' } };
    const res = await t.api('/v1/routing/rules', { body: { name: 'Fast lane', condition: { all: [] }, action } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as any;
    expect(created.action).toEqual(action);
    expect(((await (await t.api(`/v1/routing/rules/${created.id}`)).json()) as any).action).toEqual(action);
  });

  it('gives rules created at the same time distinct places at the end', async () => {
    const { rule, list } = await setup();
    await Promise.all([rule(), rule(), rule(), rule()]);
    expect((await list()).map((r) => r.position)).toEqual([0, 1, 2, 3]);
  });

  it('lists rules by position, then id, page by page', async () => {
    const { t, rule } = await setup();
    const late = await rule({ position: 5 });
    const tieA = await rule({ position: 1 });
    const tieB = await rule({ position: 1 });
    const first = await rule({ position: 0 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await t.api(`/v1/routing/rules?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as any;
      seen.push(...page.data.map((r: any) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([first, tieA, tieB, late]);
    expect((await t.api(`/v1/routing/rules?cursor=${first}`)).status).toBe(400);
  });

  describe('a condition the language refuses is a 400 invalid-condition', () => {
    const cases: [string, unknown, string][] = [
      ['an unknown operator', { field: 'values.country', op: 'like', value: 'DE' }, 'condition.op'],
      ['a value of the wrong type', { field: 'values.size', op: 'gt', value: 'big' }, 'condition.value'],
      ['an unknown field', { field: 'values', op: 'eq', value: 'DE' }, 'condition.field'],
      [
        'a nested mistake',
        { all: [GERMANY, { not: { field: 'values.size', op: 'between', value: [10, 1] } }] },
        'condition.all.1.not.value',
      ],
      ['a node of no known shape', { every: [] }, 'condition'],
    ];
    it.each(cases)('%s', async (_name, condition, path) => {
      const { t, teamA, version } = await setup();
      const res = await t.api('/v1/routing/rules', {
        body: { name: 'Bad', condition, action: { teamId: teamA, strategy: 'round_robin' } },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/invalid-condition');
      expect(body.errors.map((e) => e.path)).toContain(path);
      expect(await version()).toBe(0);
      expect(await h.handle.db.select().from(routingRules).where(eq(routingRules.tenantId, t.tenantId))).toEqual([]);
    });

    it('on a change too; other mistakes in the body stay 422', async () => {
      const { t, rule, teamA } = await setup();
      const id = await rule();
      const bad = await t.api(`/v1/routing/rules/${id}`, {
        method: 'PATCH',
        body: { condition: { field: 'values.country', op: 'matches', value: 'D.*' } },
      });
      expect(bad.status).toBe(400);
      expect((await problem(bad)).errors.map((e) => e.path)).toEqual(['condition.op']);
      const res = await t.api('/v1/routing/rules', {
        body: { name: '', condition: EVERYONE, action: { teamId: teamA, strategy: 'first_come' } },
      });
      expect(res.status).toBe(422);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/validation-failed');
      expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['name', 'action.strategy']));
    });
  });

  it("refuses an action naming a team or rep that is not the tenant's own (422 at the path), storing nothing", async () => {
    const { t, teamA, repA, repB, version } = await setup();
    const theirs = await setup('Globex');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ teamId: theirs.teamA, strategy: 'round_robin' }, 'action.teamId', 'not one of your teams'],
      [
        { teamId: teamA, strategy: 'round_robin', overflow: { kind: 'next_team', teamId: theirs.teamB } },
        'action.overflow.teamId',
        'not one of your teams',
      ],
      [{ teamId: teamA, strategy: 'named_rep', repId: theirs.repA }, 'action.repId', 'not one of your reps'],
      [{ teamId: teamA, strategy: 'named_rep', repId: repB }, 'action.repId', `the rep is not in team ${teamA}`],
      [{ teamId: teamA, strategy: 'named_rep' }, 'action.repId', "'named_rep' needs the repId of the rep"],
      [
        { teamId: teamA, strategy: 'round_robin', overflow: { kind: 'next_team', teamId: teamA } },
        'action.overflow.teamId',
        'the overflow team must differ from the rule team',
      ],
    ];
    for (const [action, path, message] of cases) {
      const res = await t.api('/v1/routing/rules', { body: { name: 'Sneaky', condition: EVERYONE, action } });
      expect(res.status, path).toBe(422);
      expect((await problem(res)).errors, path).toEqual([{ path, message }]);
    }
    expect(await version()).toBe(0);
    expect(await h.handle.db.select().from(routingRules).where(eq(routingRules.tenantId, t.tenantId))).toEqual([]);
    const named = await t.api('/v1/routing/rules', {
      body: { name: 'VIP', condition: EVERYONE, action: { teamId: teamA, strategy: 'named_rep', repId: repA } },
    });
    expect(named.status).toBe(201);
    expect(((await named.json()) as any).action).toEqual({
      teamId: teamA,
      strategy: 'named_rep',
      repId: repA,
      overflow: { kind: 'unassigned' },
    });
  });

  it('changes and deletes a rule, bumping the version each time', async () => {
    const { t, teamB, rule, version } = await setup();
    const id = await rule();
    const res = await t.api(`/v1/routing/rules/${id}`, {
      method: 'PATCH',
      body: {
        name: 'Germany to B',
        condition: GERMANY,
        action: { teamId: teamB, strategy: 'least_open' },
        enabled: false,
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id,
      name: 'Germany to B',
      condition: GERMANY,
      action: { teamId: teamB, strategy: 'least_open' },
      enabled: false,
      position: 0,
    });
    expect(await version()).toBe(2);
    const theirs = await setup('Globex');
    const sneaky = await t.api(`/v1/routing/rules/${id}`, {
      method: 'PATCH',
      body: { action: { teamId: theirs.teamA, strategy: 'round_robin' } },
    });
    expect(sneaky.status).toBe(422);
    expect(await version()).toBe(2);
    expect((await t.api(`/v1/routing/rules/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await version()).toBe(3);
    expect((await t.api(`/v1/routing/rules/${id}`)).status).toBe(404);
    expect((await t.api(`/v1/routing/rules/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await version()).toBe(3);
  });

  it('reorders all rules at once: positions 0..n-1, one version bump', async () => {
    const { t, rule, version, list } = await setup();
    const [a, b, c] = [await rule({ name: 'a' }), await rule({ name: 'b' }), await rule({ name: 'c' })];
    const res = await t.api('/v1/routing/rules/reorder', { body: { ids: [c, a, b] } });
    expect(res.status).toBe(204);
    expect((await list()).map((r) => [r.id, r.position])).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
    ]);
    expect(await version()).toBe(4);
  });

  it('refuses a reorder that does not list each rule of the tenant exactly once', async () => {
    const { t, rule, version, list } = await setup();
    const [a, b] = [await rule(), await rule()];
    const theirs = await setup('Globex');
    const theirRule = await theirs.rule();
    const cases: [string[], string[]][] = [
      [[a], ['ids']],
      [[a, b, a], ['ids']],
      [[a, b, UNKNOWN_RULE], ['ids.2']],
      [
        [a, theirRule],
        ['ids.1', 'ids'],
      ],
      [[a, 'b'], ['ids.1']],
    ];
    for (const [ids, paths] of cases) {
      const res = await t.api('/v1/routing/rules/reorder', { body: { ids } });
      expect(res.status, ids.join()).toBe(422);
      expect(
        (await problem(res)).errors.map((e) => e.path),
        ids.join(),
      ).toEqual(paths);
    }
    expect((await list()).map((r) => r.id)).toEqual([a, b]);
    expect(await version()).toBe(2);
    expect((await theirs.list()).map((r) => [r.id, r.position])).toEqual([[theirRule, 0]]);
  });

  it('sets, reads and clears the fallback, checking its references and bumping the version', async () => {
    const { t, teamA, teamB, version } = await setup();
    const theirs = await setup('Globex');
    expect(await (await t.api('/v1/routing/fallback')).json()).toBeNull();
    const set = await t.api('/v1/routing/fallback', {
      method: 'PUT',
      body: { teamId: teamA, strategy: 'least_open', overflow: { kind: 'next_team', teamId: teamB } },
    });
    expect(set.status).toBe(200);
    const fallback = { teamId: teamA, strategy: 'least_open', overflow: { kind: 'next_team', teamId: teamB } };
    expect(await set.json()).toEqual(fallback);
    expect(await (await t.api('/v1/routing/fallback')).json()).toEqual(fallback);
    expect(await version()).toBe(1);

    const bad = await t.api('/v1/routing/fallback', {
      method: 'PUT',
      body: { teamId: theirs.teamA, strategy: 'named_rep', repId: theirs.repA },
    });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors.map((e) => e.path)).toEqual(['teamId', 'repId']);
    expect(
      (await t.api('/v1/routing/fallback', { method: 'PUT', body: { teamId: teamA, strategy: 'nearest' } })).status,
    ).toBe(422);
    expect(await version()).toBe(1);
    expect(await (await theirs.t.api('/v1/routing/fallback')).json()).toBeNull();

    const cleared = await t.api('/v1/routing/fallback', { method: 'PUT', body: null });
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toBeNull();
    expect(await (await t.api('/v1/routing/fallback')).json()).toBeNull();
    expect(await version()).toBe(2);
  });

  it('routes the very next lead by what the API wrote (the version bump refreshes cached rules)', async () => {
    const { t, teamB, repA, repB, rule } = await setup();
    const formId = (
      await t.createForm({ fields: [...CONTACT_FIELDS, { key: 'country', label: 'Country', type: 'text' }] })
    ).id;
    const send = async (country: string) => {
      const res = await submit(h, formId, {
        values: { name: 'Lead', email: `lead@${country.toLowerCase()}-co.example`, country },
      });
      expect(res.status).toBe(201);
      const leadId = ((await res.json()) as { leadId: string }).leadId;
      return (await h.handle.db.select({ owner: leads.ownerRepId }).from(leads).where(eq(leads.id, leadId)))[0]!.owner;
    };
    expect(await send('FR')).toBeNull();
    const everyone = await rule();
    expect(await send('FR')).toBe(repA);
    const germany = await rule({ condition: GERMANY, action: { teamId: teamB, strategy: 'round_robin' } });
    expect(await send('DE')).toBe(repA);
    expect((await t.api('/v1/routing/rules/reorder', { body: { ids: [germany, everyone] } })).status).toBe(204);
    expect(await send('DE')).toBe(repB);
    expect((await t.api(`/v1/routing/rules/${everyone}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(
      200,
    );
    expect(await send('FR')).toBeNull();
    expect(
      (await t.api('/v1/routing/fallback', { method: 'PUT', body: { teamId: teamB, strategy: 'round_robin' } })).status,
    ).toBe(200);
    expect(await send('FR')).toBe(repB);
  });

  it("answers another tenant's rule exactly like an unknown rule, and never lists it", async () => {
    const acme = await setup();
    const acmeRule = await acme.rule();
    const globex: TestTenant = (await setup('Globex')).t;
    for (const [method, body] of [['GET'], ['PATCH', { name: 'pwned' }], ['DELETE']] as const) {
      await expectSameAsUnknown(
        globex.api,
        `/v1/routing/rules/${acmeRule}`,
        `/v1/routing/rules/${UNKNOWN_RULE}`,
        { method, body },
        method,
      );
    }
    expect(((await (await globex.api('/v1/routing/rules')).json()) as any).data).toEqual([]);
    expect(((await (await acme.t.api(`/v1/routing/rules/${acmeRule}`)).json()) as any).name).toBe('Everyone');
    expect(await acme.version()).toBe(1);
  });

  it('is in the OpenAPI document, the recursive condition as a named schema', async () => {
    const doc = (await (await h.request('/openapi.json')).json()) as any;
    for (const p of [
      '/v1/teams',
      '/v1/teams/{id}',
      '/v1/reps',
      '/v1/reps/{id}',
      '/v1/routing/rules',
      '/v1/routing/rules/{id}',
      '/v1/routing/rules/reorder',
      '/v1/routing/fallback',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(JSON.stringify(doc.components.schemas.Condition)).toContain('#/components/schemas/Condition');
    expect(doc.components.schemas.RoutingAction.properties.strategy.enum).toEqual([
      'round_robin',
      'weighted_round_robin',
      'least_open',
      'named_rep',
    ]);
  });
});
