/**
 * Capacity policies through the API: one form or several per policy, one policy per form (409
 * naming the one it has, also under a race),
 * the domain's rules at their paths, a team-derived limit only with one of the tenant's teams,
 * forms and teams of another tenant answering like unknown ones, and read-only `lastState`.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityPolicies, capacityPolicyForms } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN = unknownId('capacityPolicy');
const UNKNOWN_FORM = unknownId('form');
const UNKNOWN_TEAM = unknownId('team');
const WEEKLY_50 = {
  limit: { count: 50, per: 'week' },
  whenFull: { action: 'waitlist', message: 'We reply within 3 days' },
  softThreshold: 0.8,
};

describe.each(testDbKinds)('capacity policies on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  /** A fresh tenant with two forms and a team. */
  async function setup(name = 'Acme') {
    const t = await seedTenant(h, name);
    const [formA, formB] = [(await t.createForm()).id, (await t.createForm({ name: 'Demo request' })).id];
    const teamRes = await t.api('/v1/teams', { body: { name: 'Sales' } });
    const teamId = ((await teamRes.json()) as { id: string }).id;
    const create = (body: Record<string, unknown> = {}) =>
      t.api('/v1/capacity-policies', { body: { name: 'Weekly cap', formIds: [formA], policy: WEEKLY_50, ...body } });
    const make = async (body: Record<string, unknown> = {}) => {
      const res = await create(body);
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string } & Record<string, any>;
    };
    const stored = async () =>
      h.handle.db.select().from(capacityPolicies).where(eq(capacityPolicies.tenantId, t.tenantId));
    /** Which policy gates each form, as stored. */
    const gated = async () =>
      h.handle.db.select().from(capacityPolicyForms).where(eq(capacityPolicyForms.tenantId, t.tenantId));
    return { t, formA, formB, teamId, create, make, stored, gated };
  }
  const problem = async (res: Response) =>
    (await res.json()) as { type: string; detail: string; errors: { path: string; message: string }[] } & Record<
      string,
      any
    >;

  it('creates a policy on a form, with defaults and read-only lastState, and reads it back', async () => {
    const { t, formA, make } = await setup();
    const created = await make();
    expect(created.id).toMatch(/^cap_/);
    expect(created).toMatchObject({
      name: 'Weekly cap',
      formIds: [formA],
      teamId: null,
      policy: WEEKLY_50,
      enabled: true,
      lastState: 'open',
    });
    expect(await (await t.api(`/v1/capacity-policies/${created.id}`)).json()).toEqual(created);
  });

  it('takes a team-derived limit, a schedule and a redirect', async () => {
    const { formA, teamId, make } = await setup();
    const policy = {
      teamDerived: true,
      schedule: { opensAt: '2026-12-01T09:00:00+01:00', closesAt: '2026-12-24T12:00:00Z' },
      whenFull: { action: 'redirect', url: 'https://www.example.com/full' },
    };
    const created = await make({ formIds: [formA], teamId, policy, enabled: false });
    expect(created).toMatchObject({ teamId, policy, enabled: false });
  });

  it('allows one policy per form: a second one is a 409 naming the first', async () => {
    const { formA, formB, create, make, stored } = await setup();
    const first = await make();
    const res = await create({ name: 'Again' });
    expect(res.status).toBe(409);
    const body = await problem(res);
    expect(body).toMatchObject({
      type: 'https://inlet.dev/problems/conflict',
      forms: [{ formId: formA, policy: { id: first.id, name: 'Weekly cap' } }],
    });
    expect(body.detail).toContain(formA);
    expect(body.detail).toContain(first.id);
    // Listing a free form beside a taken one stores nothing either.
    expect((await create({ formIds: [formB, formA] })).status).toBe(409);
    expect(await stored()).toHaveLength(1);
    await make({ formIds: [formB] });
    expect(await stored()).toHaveLength(2);
  });

  it('gives exactly one of several concurrent creates for a form its policy', async () => {
    const { create, stored } = await setup();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => create({ name: `Racer ${i}` })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await stored()).toHaveLength(1);
  });

  it('refuses to move a policy onto a form that has one (409)', async () => {
    const { t, formB, make } = await setup();
    const a = await make();
    const b = await make({ formIds: [formB], name: 'Other' });
    const res = await t.api(`/v1/capacity-policies/${a.id}`, { method: 'PATCH', body: { formIds: [formB] } });
    expect(res.status).toBe(409);
    expect(await problem(res)).toMatchObject({ forms: [{ formId: formB, policy: { id: b.id, name: 'Other' } }] });
    expect(((await (await t.api(`/v1/capacity-policies/${a.id}`)).json()) as any).formIds).toEqual(a.formIds);
  });

  it('moves exactly one of two policies onto a form when both try at once', async () => {
    const { t, formB, make, gated } = await setup();
    const formC = (await t.createForm({ name: 'Third' })).id;
    const [a, b] = [await make(), await make({ formIds: [formB] })];
    for (let i = 0; i < 5; i++) {
      const answers = await Promise.all(
        [a, b].map((p) => t.api(`/v1/capacity-policies/${p.id}`, { method: 'PATCH', body: { formIds: [formC] } })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await problem(answers.find((r) => r.status === 409)!)).toMatchObject({
        type: 'https://inlet.dev/problems/conflict',
      });
      const onC = (await gated()).filter((g) => g.formId === formC);
      expect(onC).toHaveLength(1);
      // The loser kept its own form; the winner let go of its old one.
      expect((await gated()).map((g) => g.formId).sort()).toEqual(
        [onC[0]!.policyId === a.id ? b.formIds[0] : a.formIds[0], formC].sort(),
      );
      const moved = onC[0]!.policyId;
      const back = await t.api(`/v1/capacity-policies/${moved}`, {
        method: 'PATCH',
        body: { formIds: moved === a.id ? a.formIds : b.formIds },
      });
      expect(back.status).toBe(200);
    }
  });

  it('refuses what the domain refuses, with the paths at fault (422, nothing stored)', async () => {
    const { create, stored } = await setup();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ whenFull: { action: 'redirect', url: 'javascript:alert(1)' } }, ['policy.whenFull.url']],
      [{ whenFull: { action: 'redirect', url: 'ftp://files.example.com/full' } }, ['policy.whenFull.url']],
      [{ whenFull: { action: 'explode' } }, ['policy.whenFull.action']],
      [{ limit: { count: -1, per: 'day' }, whenFull: { action: 'closed' } }, ['policy.limit.count']],
      [{ limit: { count: 10, per: 'year' }, whenFull: { action: 'closed' } }, ['policy.limit.per']],
      [
        {
          schedule: { opensAt: '2026-12-24T00:00:00Z', closesAt: '2026-12-01T00:00:00Z' },
          whenFull: { action: 'closed' },
        },
        ['policy.schedule.closesAt'],
      ],
      [{ softThreshold: 1, whenFull: { action: 'closed' } }, ['policy.softThreshold']],
    ];
    for (const [formIds, path] of [
      [[], 'formIds'],
      [['not-a-form'], 'formIds.0'],
    ] as const) {
      const res = await create({ formIds });
      expect(res.status, JSON.stringify(formIds)).toBe(422);
      expect((await problem(res)).errors.map((e) => e.path)).toEqual([path]);
    }
    for (const [policy, paths] of cases) {
      const res = await create({ policy });
      expect(res.status, JSON.stringify(policy)).toBe(422);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/validation-failed');
      expect(
        body.errors.map((e) => e.path),
        JSON.stringify(policy),
      ).toEqual(paths);
    }
    const strict = await create({ lastState: 'closed' });
    expect(strict.status).toBe(422);
    expect((await problem(strict)).errors.map((e) => e.path)).toEqual(['(root)']);
    expect(await stored()).toEqual([]);
  });

  it("names only the tenant's own forms and teams; a team-derived limit needs its team (422)", async () => {
    const { create, formA, teamId, stored } = await setup();
    const theirs = await setup('Globex');
    const teamDerived = { teamDerived: true, whenFull: { action: 'closed' } };
    const cases: [Record<string, unknown>, { path: string; message: string }[]][] = [
      [{ formIds: [theirs.formA] }, [{ path: 'formIds.0', message: 'not one of your forms' }]],
      [{ formIds: [UNKNOWN_FORM] }, [{ path: 'formIds.0', message: 'not one of your forms' }]],
      [{ teamId: theirs.teamId }, [{ path: 'teamId', message: 'not one of your teams' }]],
      [{ teamId: UNKNOWN_TEAM }, [{ path: 'teamId', message: 'not one of your teams' }]],
      [{ policy: teamDerived }, [{ path: 'teamId', message: 'required when policy.teamDerived is true' }]],
      [{ policy: teamDerived, teamId: theirs.teamId }, [{ path: 'teamId', message: 'not one of your teams' }]],
      [
        { formIds: [formA, theirs.formA], policy: teamDerived },
        [
          { path: 'formIds.1', message: 'not one of your forms' },
          { path: 'teamId', message: 'required when policy.teamDerived is true' },
        ],
      ],
    ];
    for (const [body, errors] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await problem(res)).errors, JSON.stringify(body)).toEqual(errors);
    }
    expect(await stored()).toEqual([]);
    expect(await theirs.stored()).toEqual([]);
    expect((await create({ policy: teamDerived, teamId })).status).toBe(201);
  });

  it('changes a policy, checking it as it will be; then deletes it', async () => {
    const { t, formB, teamId, make } = await setup();
    const theirs = await setup('Globex');
    const { id } = await make();
    const patch = (body: unknown) => t.api(`/v1/capacity-policies/${id}`, { method: 'PATCH', body });
    const needsTeam = await patch({ policy: { teamDerived: true, whenFull: { action: 'closed' } } });
    expect(needsTeam.status).toBe(422);
    expect((await problem(needsTeam)).errors.map((e) => e.path)).toEqual(['teamId']);
    expect((await patch({ teamId: theirs.teamId })).status).toBe(422);
    expect((await patch({ formIds: [theirs.formA] })).status).toBe(422);
    const ok = await patch({
      name: 'Team gate',
      formIds: [formB],
      teamId,
      policy: { teamDerived: true, whenFull: { action: 'closed', message: 'Full' } },
      enabled: false,
    });
    expect(ok.status).toBe(200);
    const changed = await ok.json();
    expect(changed).toMatchObject({
      id,
      name: 'Team gate',
      formIds: [formB],
      teamId,
      policy: { teamDerived: true, whenFull: { action: 'closed', message: 'Full' } },
      enabled: false,
      lastState: 'open',
    });
    expect((await patch({ teamId: null })).status).toBe(422);
    expect(await (await t.api(`/v1/capacity-policies/${id}`)).json()).toEqual(changed);
    expect((await t.api(`/v1/capacity-policies/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/capacity-policies/${id}`)).status).toBe(404);
    expect((await t.api(`/v1/capacity-policies/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('gates several forms with one policy (a team policy); a form let go of can join another', async () => {
    const { t, formA, formB, teamId, make, gated } = await setup();
    const formC = (await t.createForm({ name: 'Pricing' })).id;
    const team = await make({
      name: 'Sales team',
      formIds: [formA, formB, formC],
      teamId,
      policy: { limit: { count: 20, per: 'week' }, teamDerived: true, whenFull: { action: 'waitlist' } },
    });
    expect(team.formIds).toEqual([formA, formB, formC].sort());
    expect(
      ((await (await t.api(`/v1/capacity-policies?formId=${formB}`)).json()) as any).data.map((p: any) => p.id),
    ).toEqual([team.id]);
    const other = await t.api('/v1/capacity-policies', {
      body: { name: 'Pricing only', formIds: [formC], policy: WEEKLY_50 },
    });
    expect(other.status).toBe(409);
    const narrowed = await t.api(`/v1/capacity-policies/${team.id}`, {
      method: 'PATCH',
      body: { formIds: [formA, formB] },
    });
    expect(((await narrowed.json()) as any).formIds).toEqual([formA, formB].sort());
    const pricing = await make({ name: 'Pricing only', formIds: [formC] });
    expect((await gated()).map((g) => [g.formId, g.policyId]).sort()).toEqual(
      [
        [formA, team.id],
        [formB, team.id],
        [formC, pricing.id],
      ].sort(),
    );
    expect((await t.api(`/v1/capacity-policies/${team.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await gated()).map((g) => g.formId)).toEqual([formC]);
  });

  it('lists policies newest first, page by page, and filters by form', async () => {
    const { t, formA, formB, make } = await setup();
    const a = await make();
    const b = await make({ formIds: [formB] });
    const first = (await (await t.api('/v1/capacity-policies?limit=1')).json()) as any;
    expect(first.data.map((p: any) => p.id)).toEqual([b.id]);
    const second = (await (await t.api(`/v1/capacity-policies?limit=1&cursor=${first.nextCursor}`)).json()) as any;
    expect(second).toEqual({ data: [a], nextCursor: null });
    expect(
      ((await (await t.api(`/v1/capacity-policies?formId=${formA}`)).json()) as any).data.map((p: any) => p.id),
    ).toEqual([a.id]);
    expect((await t.api('/v1/capacity-policies?formId=nope')).status).toBe(400);
  });

  it("answers another tenant's policy exactly like an unknown one, and never lists it", async () => {
    const acme = await setup();
    const acmePolicy = (await acme.make()).id;
    const globex: TestTenant = (await setup('Globex')).t;
    for (const [method, body] of [['GET'], ['PATCH', { name: 'pwned' }], ['DELETE']] as const) {
      await expectSameAsUnknown(
        globex.api,
        `/v1/capacity-policies/${acmePolicy}`,
        `/v1/capacity-policies/${UNKNOWN}`,
        { method, body },
        method,
      );
    }
    expect(((await (await globex.api('/v1/capacity-policies')).json()) as any).data).toEqual([]);
    expect(((await (await globex.api(`/v1/capacity-policies?formId=${acme.formA}`)).json()) as any).data).toEqual([]);
    expect(((await (await acme.t.api(`/v1/capacity-policies/${acmePolicy}`)).json()) as any).name).toBe('Weekly cap');
    expect((await acme.t.api('/v1/capacity-policies/not-a-policy')).status).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const res = await h.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    for (const p of ['/v1/capacity-policies', '/v1/capacity-policies/{id}'])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.components.schemas.CapacityPolicy.properties.policy.$ref).toBe('#/components/schemas/CapacitySettings');
  });
});
