/**
 * SLA policies through the API: order (position, then id) and reorder, the condition language's
 * 400, business time only with one of the tenant's own calendars, escalation defaults and merges,
 * another tenant's policies answering like unknown ids, and the next lead getting the policy.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, slaPolicies } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN = unknownId('slaPolicy');
const UNKNOWN_CALENDAR = unknownId('calendar');
const EVERYONE = { all: [] };
const CALENDAR_TIME = { firstResponseMinutes: 30, clock: 'calendar' };
const BUSINESS_TIME = { firstResponseMinutes: 120, clock: 'business', warnAtFraction: 0.75 };
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const NEW_YORK = {
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
};

describe.each(testDbKinds)('SLA policies on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  /** A fresh tenant with one calendar (fresh, so positions start at 0). */
  async function setup(name = 'Acme') {
    const t = await seedTenant(h, name);
    const make = async (path: string, body: Record<string, unknown>) => {
      const res = await t.api(path, { body });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const calendarId = await make('/v1/business-hours', { name: 'New York', calendar: NEW_YORK });
    const policy = (body: Record<string, unknown> = {}) =>
      make('/v1/sla-policies', { name: 'Everyone', condition: EVERYONE, targets: CALENDAR_TIME, ...body });
    const list = async () =>
      ((await (await t.api('/v1/sla-policies?limit=100')).json()) as any).data as { id: string; position: number }[];
    const stored = async () => h.handle.db.select().from(slaPolicies).where(eq(slaPolicies.tenantId, t.tenantId));
    return { t, calendarId, make, policy, list, stored };
  }
  const problem = async (res: Response) =>
    (await res.json()) as { type: string; detail: string; errors: { path: string; message: string }[] };

  it('creates policies at the end of the order with default escalation, and reads them back', async () => {
    const { t, calendarId, policy } = await setup();
    const res = await t.api('/v1/sla-policies', {
      body: {
        name: 'Hot leads',
        condition: { field: 'values.plan', op: 'eq', value: 'pro' },
        targets: BUSINESS_TIME,
        calendarId,
        pauseStages: ['waiting_on_customer'],
      },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as any;
    expect(created.id).toMatch(/^sla_/);
    expect(created).toMatchObject({
      position: 0,
      name: 'Hot leads',
      condition: { field: 'values.plan', op: 'eq', value: 'pro' },
      targets: BUSINESS_TIME,
      calendarId,
      escalation: { notifyOwner: true, notifyTeam: false, reassign: false },
      pauseStages: ['waiting_on_customer'],
      enabled: true,
    });
    expect(await (await t.api(`/v1/sla-policies/${created.id}`)).json()).toEqual(created);
    const second = (await (await t.api(`/v1/sla-policies/${await policy({ enabled: false })}`)).json()) as any;
    expect(second).toMatchObject({
      position: 1,
      calendarId: null,
      targets: CALENDAR_TIME,
      pauseStages: [],
      enabled: false,
    });
  });

  it('accepts the team a lead was routed to in a condition', async () => {
    const { t } = await setup();
    const team = await t.api('/v1/teams', { body: { name: 'Enterprise' } });
    const teamId = ((await team.json()) as { id: string }).id;
    const condition = {
      all: [
        { field: 'team', op: 'eq', value: teamId },
        { field: 'firstTouch.channel', op: 'in', value: ['paid_search', 'email'] },
      ],
    };
    const res = await t.api('/v1/sla-policies', { body: { name: 'Enterprise', condition, targets: CALENDAR_TIME } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as any).condition).toEqual(condition);
  });

  it('gives policies created at the same time distinct places at the end', async () => {
    const { policy, list } = await setup();
    await Promise.all([policy(), policy(), policy(), policy()]);
    expect((await list()).map((p) => p.position)).toEqual([0, 1, 2, 3]);
  });

  it('lists policies by position, then id, page by page', async () => {
    const { t, policy } = await setup();
    const late = await policy({ position: 5 });
    const tieA = await policy({ position: 1 });
    const tieB = await policy({ position: 1 });
    const first = await policy({ position: 0 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await t.api(`/v1/sla-policies?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as any;
      seen.push(...page.data.map((p: any) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([first, tieA, tieB, late]);
    expect((await t.api(`/v1/sla-policies?cursor=${first}`)).status).toBe(400);
  });

  describe('a condition the language refuses is a 400 invalid-condition', () => {
    const cases: [string, unknown, string][] = [
      ['an unknown operator', { field: 'values.country', op: 'like', value: 'DE' }, 'condition.op'],
      ['an unknown field', { field: 'owner', op: 'eq', value: 'x' }, 'condition.field'],
      [
        'a nested mistake',
        { all: [{ not: { field: 'values.size', op: 'between', value: [10, 1] } }] },
        'condition.all.0.not.value',
      ],
      ['a node of no known shape', { every: [] }, 'condition'],
    ];
    it.each(cases)('%s', async (_name, condition, path) => {
      const { t, stored } = await setup();
      const res = await t.api('/v1/sla-policies', { body: { name: 'Bad', condition, targets: CALENDAR_TIME } });
      expect(res.status).toBe(400);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/invalid-condition');
      expect(body.errors.map((e) => e.path)).toContain(path);
      expect(await stored()).toEqual([]);
    });

    it('on a change too', async () => {
      const { t, policy } = await setup();
      const id = await policy();
      const bad = await t.api(`/v1/sla-policies/${id}`, {
        method: 'PATCH',
        body: { condition: { field: 'values.country', op: 'matches', value: 'D.*' } },
      });
      expect(bad.status).toBe(400);
      expect((await problem(bad)).errors.map((e) => e.path)).toEqual(['condition.op']);
    });
  });

  it('refuses bad targets, escalation or stages with their paths (422)', async () => {
    const { t, stored } = await setup();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ targets: { firstResponseMinutes: 0, clock: 'calendar' } }, ['targets.firstResponseMinutes']],
      [{ targets: { firstResponseMinutes: 30, clock: 'calendar', warnAtFraction: 1.5 } }, ['targets.warnAtFraction']],
      [{ targets: { firstResponseMinutes: 30, clock: 'wall' } }, ['targets.clock']],
      [{ escalation: { reassign: 'yes' } }, ['escalation.reassign']],
      [{ pauseStages: ['waiting', 'waiting'] }, ['pauseStages']],
      [{ name: '' }, ['name']],
      [{ calendarId: 'team_01JD3Q5V7X9K2M4N6P8R0S2T4V' }, ['calendarId']],
    ];
    for (const [patch, paths] of cases) {
      const res = await t.api('/v1/sla-policies', {
        body: { name: 'Bad', condition: EVERYONE, targets: CALENDAR_TIME, ...patch },
      });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/validation-failed');
      expect(
        body.errors.map((e) => e.path),
        JSON.stringify(patch),
      ).toEqual(paths);
    }
    expect(await stored()).toEqual([]);
  });

  it("measures business time only with one of the tenant's calendars (422 at calendarId)", async () => {
    const { t, calendarId, stored } = await setup();
    const theirs = await setup('Globex');
    const cases: [string | undefined, string][] = [
      [undefined, 'required when targets.clock is "business"'],
      [UNKNOWN_CALENDAR, 'not one of your business-hours calendars'],
      [theirs.calendarId, 'not one of your business-hours calendars'],
    ];
    for (const [cal, message] of cases) {
      const res = await t.api('/v1/sla-policies', {
        body: {
          name: 'Office hours',
          condition: EVERYONE,
          targets: BUSINESS_TIME,
          ...(cal ? { calendarId: cal } : {}),
        },
      });
      expect(res.status, cal).toBe(422);
      expect((await problem(res)).errors, cal).toEqual([{ path: 'calendarId', message }]);
    }
    // Calendar time with another tenant's calendar is refused too: the id is never stored.
    const sneaky = await t.api('/v1/sla-policies', {
      body: { name: 'x', condition: EVERYONE, targets: CALENDAR_TIME, calendarId: theirs.calendarId },
    });
    expect(sneaky.status).toBe(422);
    expect(await stored()).toEqual([]);
    const ok = await t.api('/v1/sla-policies', {
      body: { name: 'Office hours', condition: EVERYONE, targets: BUSINESS_TIME, calendarId },
    });
    expect(ok.status).toBe(201);
  });

  it('checks a change as the policy will be: business time needs a calendar; escalation merges flag by flag', async () => {
    const { t, calendarId, policy } = await setup();
    const theirs = await setup('Globex');
    const id = await policy();
    const patch = (body: unknown) => t.api(`/v1/sla-policies/${id}`, { method: 'PATCH', body });
    const needs = await patch({ targets: BUSINESS_TIME });
    expect(needs.status).toBe(422);
    expect((await problem(needs)).errors).toEqual([
      { path: 'calendarId', message: 'required when targets.clock is "business"' },
    ]);
    expect((await patch({ targets: BUSINESS_TIME, calendarId: theirs.calendarId })).status).toBe(422);
    const ok = await patch({
      targets: BUSINESS_TIME,
      calendarId,
      escalation: { reassign: true },
      name: 'Office hours',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      name: 'Office hours',
      targets: BUSINESS_TIME,
      calendarId,
      escalation: { notifyOwner: true, notifyTeam: false, reassign: true },
    });
    const merged = await patch({ escalation: { notifyOwner: false } });
    expect(((await merged.json()) as any).escalation).toEqual({
      notifyOwner: false,
      notifyTeam: false,
      reassign: true,
    });
    const cleared = await patch({ calendarId: null });
    expect(cleared.status).toBe(422);
    expect((await problem(cleared)).errors.map((e) => e.path)).toEqual(['calendarId']);
    const back = await patch({ targets: CALENDAR_TIME, calendarId: null });
    expect((await back.json()) as any).toMatchObject({ targets: CALENDAR_TIME, calendarId: null });
  });

  it('deletes a policy; then it is gone', async () => {
    const { t, policy } = await setup();
    const id = await policy();
    expect((await t.api(`/v1/sla-policies/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/sla-policies/${id}`)).status).toBe(404);
    expect((await t.api(`/v1/sla-policies/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('reorders all policies at once: positions 0..n-1', async () => {
    const { t, policy, list } = await setup();
    const [a, b, c] = [await policy({ name: 'a' }), await policy({ name: 'b' }), await policy({ name: 'c' })];
    expect((await t.api('/v1/sla-policies/reorder', { body: { ids: [c, a, b] } })).status).toBe(204);
    expect((await list()).map((p) => [p.id, p.position])).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
    ]);
  });

  it('refuses a reorder that does not list each policy of the tenant exactly once', async () => {
    const { t, policy, list } = await setup();
    const [a, b] = [await policy(), await policy()];
    const theirs = await setup('Globex');
    const theirPolicy = await theirs.policy();
    const cases: [string[], string[]][] = [
      [[a], ['ids']],
      [[a, b, a], ['ids']],
      [[a, b, UNKNOWN], ['ids.2']],
      [
        [a, theirPolicy],
        ['ids.1', 'ids'],
      ],
      [[a, 'rule_01JD3Q5V7X9K2M4N6P8R0S2T4V'], ['ids.1']],
    ];
    for (const [ids, paths] of cases) {
      const res = await t.api('/v1/sla-policies/reorder', { body: { ids } });
      expect(res.status, ids.join()).toBe(422);
      expect(
        (await problem(res)).errors.map((e) => e.path),
        ids.join(),
      ).toEqual(paths);
    }
    expect((await list()).map((p) => p.id)).toEqual([a, b]);
    expect((await theirs.list()).map((p) => [p.id, p.position])).toEqual([[theirPolicy, 0]]);
  });

  it("answers another tenant's policy exactly like an unknown one, and never lists it", async () => {
    const acme = await setup();
    const acmePolicy = await acme.policy();
    const globex: TestTenant = (await setup('Globex')).t;
    for (const [method, body] of [['GET'], ['PATCH', { name: 'pwned' }], ['DELETE']] as const) {
      await expectSameAsUnknown(
        globex.api,
        `/v1/sla-policies/${acmePolicy}`,
        `/v1/sla-policies/${UNKNOWN}`,
        { method, body },
        method,
      );
    }
    expect(((await (await globex.api('/v1/sla-policies')).json()) as any).data).toEqual([]);
    expect(((await (await acme.t.api(`/v1/sla-policies/${acmePolicy}`)).json()) as any).name).toBe('Everyone');
    expect((await acme.t.api('/v1/sla-policies/not-a-policy')).status).toBe(400);
  });

  it('gives the next lead the first matching enabled policy and its business-hours due time', async () => {
    const { t, calendarId, policy } = await setup();
    const formId = (await t.createForm()).id;
    await policy({ name: 'Disabled', enabled: false });
    await policy({
      name: 'Other form',
      condition: { field: 'form', op: 'eq', value: 'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V' },
    });
    const office = await policy({
      name: 'Office',
      condition: { field: 'form', op: 'eq', value: formId },
      targets: BUSINESS_TIME,
      calendarId,
    });
    h.clock.set('2026-03-06T21:00:00Z'); // Friday 16:00 EST; DST starts on Sunday
    const res = await submit(h, formId, { values: { name: 'Lead', email: 'lead@company.example' } });
    expect(res.status).toBe(201);
    const [lead] = await h.handle.db
      .select()
      .from(leads)
      .where(eq(leads.id, ((await res.json()) as { leadId: string }).leadId));
    expect(lead!.slaPolicyId).toBe(office);
    // 60 minutes on Friday, 60 on Monday from 09:00 EDT (13:00Z).
    expect(lead!.slaDueAt!.toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await h.request('/openapi.json')).json()) as any;
    for (const p of ['/v1/sla-policies', '/v1/sla-policies/{id}', '/v1/sla-policies/reorder'])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.components.schemas.SlaPolicy.properties.condition.$ref).toBe('#/components/schemas/Condition');
  });
});
