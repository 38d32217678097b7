/**
 * Reps: every field round-trips; working hours are stored as a business calendar; a rep only joins
 * one of the tenant's own teams; deleting or moving a rep a routing rule names is refused.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reps } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN_REP = unknownId('rep');
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

describe.each(testDbKinds)('reps on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let other: TestTenant;
  let team: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    other = await seedTenant(h, 'Globex');
    team = await createTeam(t, 'Sales');
  });
  afterAll(() => h.close());

  async function createTeam(tenant: TestTenant, name: string) {
    const res = await tenant.api('/v1/teams', { body: { name } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function createRep(body: Record<string, unknown> = {}, tenant = t) {
    const res = await tenant.api('/v1/reps', {
      body: { teamId: team, name: 'Ada', email: 'ada@seller.example', ...body },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string } & Record<string, any>;
  }
  const errorPaths = async (res: Response) => ((await res.json()) as any).errors.map((e: any) => e.path);

  it('creates a rep with every field and reads it back', async () => {
    const rep = await createRep({
      name: 'Grace',
      email: 'grace@seller.example',
      position: 3,
      weight: 5,
      active: false,
      workingHours: {
        timeZone: 'America/New_York',
        weekly: { mon: NINE_TO_FIVE, fri: NINE_TO_FIVE },
        holidays: [{ date: '2026-12-25' }],
      },
      outOfOffice: [{ from: '2026-12-21T00:00:00+01:00', to: '2026-12-24T00:00:00+01:00', note: 'Ski trip' }],
      maxOpenLeads: 20,
      slackWebhookUrl: 'https://hooks.slack.com/services/T0/B0/GRACE',
    });
    expect(rep).toMatchObject({
      teamId: team,
      name: 'Grace',
      position: 3,
      weight: 5,
      active: false,
      timeZone: 'America/New_York',
      workingHours: {
        timeZone: 'America/New_York',
        weekly: { mon: NINE_TO_FIVE, tue: [], fri: NINE_TO_FIVE },
        holidays: [{ date: '2026-12-25' }],
      },
      // Instants are kept in UTC.
      outOfOffice: [{ from: '2026-12-20T23:00:00.000Z', to: '2026-12-23T23:00:00.000Z', note: 'Ski trip' }],
      maxOpenLeads: 20,
      openLeads: 0,
      slackWebhookUrl: 'https://hooks.slack.com/services/T0/B0/GRACE',
    });
    expect(rep.id).toMatch(/^rep_/);
    expect(await (await t.api(`/v1/reps/${rep.id}`)).json()).toEqual(rep);
    // What the router reads: a business-hours calendar in the rep's zone.
    const [row] = await h.handle.db.select().from(reps).where(eq(reps.id, rep.id));
    expect(row!.workingHours).toMatchObject({ mode: 'business', timeZone: 'America/New_York' });
  });

  it('fills defaults and puts a new rep at the end of its team rotation', async () => {
    const squad = await createTeam(t, 'Squad');
    const first = await createRep({ teamId: squad });
    expect(first).toMatchObject({
      position: 0,
      weight: 1,
      active: true,
      timeZone: null,
      workingHours: null,
      outOfOffice: [],
      maxOpenLeads: null,
      slackWebhookUrl: null,
    });
    await createRep({ teamId: squad, position: 7 });
    expect((await createRep({ teamId: squad })).position).toBe(8);
  });

  it('refuses invalid fields with the paths at fault, and stores nothing', async () => {
    const before = await h.handle.db.select().from(reps);
    const res = await t.api('/v1/reps', {
      body: {
        teamId: team,
        name: '',
        email: 'not-an-email',
        weight: 1001,
        position: -1,
        maxOpenLeads: -1,
        workingHours: { timeZone: 'Mars/Olympus', weekly: { mon: [{ start: '17:00', end: '09:00' }] } },
        outOfOffice: [
          { from: '2026-12-24T00:00:00Z', to: '2026-12-21T00:00:00Z' },
          { from: 'next week', to: '2026-12-21T00:00:00Z' },
        ],
        openLeads: 0,
      },
    });
    expect(res.status).toBe(422);
    expect(await errorPaths(res)).toEqual(
      expect.arrayContaining([
        'name',
        'email',
        'weight',
        'position',
        'maxOpenLeads',
        'workingHours.timeZone',
        'workingHours.weekly.mon.0.end',
        'outOfOffice.0.to',
        'outOfOffice.1.from',
        '(root)',
      ]),
    );
    const noHours = await t.api('/v1/reps', {
      body: { teamId: team, name: 'X', email: 'x@seller.example', workingHours: { timeZone: 'UTC', weekly: {} } },
    });
    expect(await errorPaths(noHours)).toEqual(['workingHours.weekly']);
    const badSlack = await t.api('/v1/reps', {
      body: { teamId: team, name: 'X', email: 'x@seller.example', slackWebhookUrl: 'ftp://hooks.slack.com/x' },
    });
    expect(badSlack.status).toBe(422);
    expect(await errorPaths(badSlack)).toEqual(['slackWebhookUrl']);
    expect(await h.handle.db.select().from(reps)).toHaveLength(before.length);
  });

  it("refuses a team that is not the tenant's own: unknown and another tenant's alike (422 on teamId)", async () => {
    const theirTeam = await createTeam(other, 'Theirs');
    const bodies = [theirTeam, 'team_01JD3Q5V7X9K2M4N6P8R0S2T4V'].map((teamId) => ({
      teamId,
      name: 'Mole',
      email: 'mole@seller.example',
    }));
    const answers = [];
    for (const body of bodies) {
      const res = await t.api('/v1/reps', { body });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as any;
      delete problem.requestId;
      answers.push(problem);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].errors).toEqual([{ path: 'teamId', message: 'not one of your teams' }]);
    expect(await h.handle.db.select().from(reps).where(eq(reps.teamId, theirTeam))).toEqual([]);
    expect(await errorPaths(await t.api('/v1/reps', { body: { ...bodies[0], teamId: 'sales' } }))).toEqual(['teamId']);
  });

  it('changes fields, clears working hours, moves a rep to another team of the tenant', async () => {
    const rep = await createRep({ workingHours: { timeZone: 'Europe/Paris', weekly: { mon: NINE_TO_FIVE } } });
    const otherTeam = await createTeam(t, 'Other');
    const res = await t.api(`/v1/reps/${rep.id}`, {
      method: 'PATCH',
      body: { teamId: otherTeam, weight: 0, active: false, workingHours: null, maxOpenLeads: 0 },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: rep.id,
      teamId: otherTeam,
      weight: 0,
      active: false,
      workingHours: null,
      timeZone: null,
      maxOpenLeads: 0,
      name: 'Ada',
    });
    const renamed = await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { name: 'Ada L.' } });
    // A field left out keeps its value: no defaults on a change.
    expect(await renamed.json()).toMatchObject({ name: 'Ada L.', weight: 0, active: false, teamId: otherTeam });
    expect((await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { openLeads: 5 } })).status).toBe(422);
  });

  it("cannot move a rep into another tenant's team", async () => {
    const rep = await createRep();
    const theirTeam = await createTeam(other, 'Theirs too');
    const res = await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { teamId: theirTeam } });
    expect(res.status).toBe(422);
    expect(await errorPaths(res)).toEqual(['teamId']);
    expect(((await (await t.api(`/v1/reps/${rep.id}`)).json()) as any).teamId).toBe(team);
  });

  it('filters the list by team and active flag, and pages through it', async () => {
    const crew = await createTeam(t, 'Crew');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createRep({ teamId: crew, name: `R${i}`, active: i % 2 === 0 })).id);
    const list = async (query: string) =>
      ((await (await t.api(`/v1/reps?${query}`)).json()) as any).data.map((r: any) => r.id);
    expect(await list(`teamId=${crew}&limit=100`)).toEqual([...ids].reverse());
    expect(await list(`teamId=${crew}&active=true`)).toEqual([ids[4], ids[2], ids[0]]);
    expect(await list(`teamId=${crew}&active=false`)).toEqual([ids[3], ids[1]]);
    const first = (await (await t.api(`/v1/reps?teamId=${crew}&limit=2`)).json()) as any;
    const second = (await (await t.api(`/v1/reps?teamId=${crew}&limit=2&cursor=${first.nextCursor}`)).json()) as any;
    expect([...first.data, ...second.data].map((r: any) => r.id)).toEqual([ids[4], ids[3], ids[2], ids[1]]);
    expect((await t.api('/v1/reps?active=yes')).status).toBe(400);
    expect((await t.api('/v1/reps?teamId=sales')).status).toBe(400);
  });

  it('refuses to delete or move a rep a routing rule names, and says which rule', async () => {
    const rep = await createRep();
    const ruleRes = await t.api('/v1/routing/rules', {
      body: { name: 'VIPs', condition: { all: [] }, action: { teamId: team, strategy: 'named_rep', repId: rep.id } },
    });
    expect(ruleRes.status).toBe(201);
    const rule = ((await ruleRes.json()) as { id: string }).id;
    const del = await t.api(`/v1/reps/${rep.id}`, { method: 'DELETE' });
    expect(del.status).toBe(409);
    const problem = (await del.json()) as any;
    expect(problem).toMatchObject({
      type: 'https://inlet.dev/problems/conflict',
      rules: [{ id: rule, name: 'VIPs' }],
      fallback: false,
    });
    const move = await t.api(`/v1/reps/${rep.id}`, {
      method: 'PATCH',
      body: { teamId: await createTeam(t, 'Elsewhere') },
    });
    expect(move.status).toBe(409);
    expect(((await move.json()) as any).detail).toContain(rule);
    expect(
      (await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { teamId: team, name: 'Still here' } })).status,
    ).toBe(200);
    expect((await t.api(`/v1/routing/rules/${rule}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/reps/${rep.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/reps/${rep.id}`)).status).toBe(404);
  });

  it('refuses to delete a rep who still owns open leads', async () => {
    const rep = await createRep();
    await h.handle.db.update(reps).set({ openLeads: 2 }).where(eq(reps.id, rep.id));
    const res = await t.api(`/v1/reps/${rep.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ openLeads: 2 });
    expect(((await (await t.api(`/v1/reps/${rep.id}`)).json()) as any).openLeads).toBe(2);
  });

  describe('another tenant', () => {
    let theirs: string;
    beforeAll(async () => {
      theirs = (await createRep({ name: 'Acme only' })).id;
    });

    async function sameAsUnknown(method: string, body?: unknown) {
      await expectSameAsUnknown(other.api, `/v1/reps/${theirs}`, `/v1/reps/${UNKNOWN_REP}`, { method, body });
    }

    it("answers another tenant's rep exactly like an unknown rep", () => sameAsUnknown('GET'));
    it("cannot change another tenant's rep", () => sameAsUnknown('PATCH', { name: 'pwned', active: false }));
    it("cannot move another tenant's rep into its own team", async () => {
      await sameAsUnknown('PATCH', { teamId: await createTeam(other, 'Bait') });
      expect(((await (await t.api(`/v1/reps/${theirs}`)).json()) as any).teamId).toBe(team);
    });
    it("cannot delete another tenant's rep", async () => {
      await sameAsUnknown('DELETE');
      expect((await t.api(`/v1/reps/${theirs}`)).status).toBe(200);
    });
    it("never lists another tenant's reps, even filtered by that tenant's team", async () => {
      expect(((await (await other.api('/v1/reps?limit=100')).json()) as any).data).toEqual([]);
      expect(((await (await other.api(`/v1/reps?teamId=${team}`)).json()) as any).data).toEqual([]);
    });
  });
});
