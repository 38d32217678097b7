/**
 * Business-hours calendars: create, read, list, change, delete; the domain's calendar rules answer
 * 422 with their paths; the preview answers hand-computed due times across weekends, holidays and
 * DST; a calendar an SLA policy uses is not deleted; another tenant's calendars answer like unknown ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN = unknownId('calendar');
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const WEEKDAYS = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE };
const NEW_YORK = { timeZone: 'America/New_York', mode: 'business', weekly: WEEKDAYS, holidays: [] };
const NO_HOURS = { sat: [], sun: [] };

describe.each(testDbKinds)('business hours on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
  });
  afterAll(() => h.close());

  const create = async (tenant: TestTenant, calendar: Record<string, unknown> = NEW_YORK, name = 'Office') => {
    const res = await tenant.api('/v1/business-hours', { body: { name, calendar } });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string } & Record<string, any>;
  };
  const problem = async (res: Response) =>
    (await res.json()) as { type: string; detail: string; errors: { path: string; message: string }[] } & Record<
      string,
      any
    >;
  const preview = async (id: string, from: string, minutes: number | string, tenant = t) =>
    tenant.api(`/v1/business-hours/${id}/preview?from=${encodeURIComponent(from)}&minutes=${minutes}`);
  const dueAt = async (id: string, from: string, minutes: number) => {
    const res = await preview(id, from, minutes);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { dueAt: string }).dueAt;
  };

  it('creates a calendar, fills in the days and holidays left out, and reads it back', async () => {
    const cal = await create(
      t,
      {
        timeZone: 'Europe/Berlin',
        mode: 'business',
        weekly: {
          mon: [
            { start: '13:00', end: '17:00' },
            { start: '09:00', end: '12:00' },
          ],
        },
        holidays: [{ date: '2026-12-25' }, { from: '2026-12-28', to: '2026-12-31' }],
      },
      ' Berlin ',
    );
    expect(cal.id).toMatch(/^cal_/);
    expect(cal).toMatchObject({
      name: 'Berlin',
      calendar: {
        timeZone: 'Europe/Berlin',
        mode: 'business',
        weekly: {
          mon: [
            { start: '13:00', end: '17:00' },
            { start: '09:00', end: '12:00' },
          ],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          ...NO_HOURS,
        },
        holidays: [{ date: '2026-12-25' }, { from: '2026-12-28', to: '2026-12-31' }],
      },
    });
    expect(await (await t.api(`/v1/business-hours/${cal.id}`)).json()).toEqual(cal);
    const always = await create(t, { timeZone: 'UTC', mode: 'calendar' }, '24/7');
    expect(always.calendar).toEqual({
      timeZone: 'UTC',
      mode: 'calendar',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], ...NO_HOURS },
      holidays: [],
    });
  });

  describe('refuses a calendar the domain rules refuse, with the paths at fault (422, nothing stored)', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['a zone that does not exist', { ...NEW_YORK, timeZone: 'Mars/Olympus' }, ['calendar.timeZone']],
      ['a bare offset instead of a zone', { ...NEW_YORK, timeZone: '+02:00' }, ['calendar.timeZone']],
      [
        'overlapping intervals',
        {
          ...NEW_YORK,
          weekly: {
            mon: [
              { start: '09:00', end: '12:00' },
              { start: '11:30', end: '14:00' },
            ],
          },
        },
        ['calendar.weekly.mon'],
      ],
      [
        'an interval ending before it starts',
        { ...NEW_YORK, weekly: { tue: [{ start: '17:00', end: '09:00' }] } },
        ['calendar.weekly.tue.0.end'],
      ],
      [
        'a time past 24:00',
        { ...NEW_YORK, weekly: { wed: [{ start: '09:00', end: '25:00' }] } },
        ['calendar.weekly.wed.0.end'],
      ],
      ['business hours with no open hour', { ...NEW_YORK, weekly: {} }, ['calendar.weekly']],
      ['an unknown mode', { ...NEW_YORK, mode: 'office' }, ['calendar.mode']],
      ['a date that does not exist', { ...NEW_YORK, holidays: [{ date: '2026-02-30' }] }, ['calendar.holidays.0.date']],
      [
        'a holiday range ending before it starts',
        { ...NEW_YORK, holidays: [{ from: '2026-12-31', to: '2026-12-24' }] },
        ['calendar.holidays.0.to'],
      ],
      [
        'too many holidays',
        { ...NEW_YORK, holidays: Array.from({ length: 1001 }, () => ({ date: '2026-12-25' })) },
        ['calendar.holidays'],
      ],
    ];
    it.each(cases)('%s', async (_name, calendar, paths) => {
      const fresh = await seedTenant(h, 'Validator');
      const res = await fresh.api('/v1/business-hours', { body: { name: 'Bad', calendar } });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const body = await problem(res);
      expect(body.type).toBe('https://inlet.dev/problems/validation-failed');
      expect(body.errors.map((e) => e.path)).toEqual(paths);
      expect(((await (await fresh.api('/v1/business-hours')).json()) as any).data).toEqual([]);
    });

    it('an empty name or an unknown key', async () => {
      const res = await t.api('/v1/business-hours', { body: { name: ' ', calendar: NEW_YORK, colour: 'red' } });
      expect(res.status).toBe(422);
      expect((await problem(res)).errors.map((e) => e.path)).toEqual(expect.arrayContaining(['name', '(root)']));
    });
  });

  it('changes the name and replaces the calendar; a bad change is refused and changes nothing', async () => {
    const cal = await create(t);
    const res = await t.api(`/v1/business-hours/${cal.id}`, {
      method: 'PATCH',
      body: {
        name: 'Weekends',
        calendar: { timeZone: 'Asia/Kolkata', mode: 'business', weekly: { sat: NINE_TO_FIVE } },
      },
    });
    expect(res.status).toBe(200);
    const changed = (await res.json()) as any;
    expect(changed).toMatchObject({
      id: cal.id,
      name: 'Weekends',
      calendar: { timeZone: 'Asia/Kolkata', weekly: { mon: [], sat: NINE_TO_FIVE }, holidays: [] },
    });
    const bad = await t.api(`/v1/business-hours/${cal.id}`, {
      method: 'PATCH',
      body: { calendar: { ...NEW_YORK, timeZone: 'Nowhere' } },
    });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors.map((e) => e.path)).toEqual(['calendar.timeZone']);
    expect(await (await t.api(`/v1/business-hours/${cal.id}`)).json()).toEqual(changed);
  });

  it('pages through calendars with a cursor, newest first', async () => {
    const fresh = await seedTenant(h, 'Pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(fresh, NEW_YORK, `C${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await fresh.api(`/v1/business-hours?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as { data: { id: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await fresh.api('/v1/business-hours?limit=0')).status).toBe(400);
  });

  describe('preview', () => {
    it('New York: Friday 16:00 EST + 120 min is Monday 10:00 EDT, across the weekend DST starts on', async () => {
      const cal = await create(t);
      // 60 minutes Friday 16:00–17:00 EST (21:00Z); DST starts Sunday 2026-03-08, so Monday 09:00
      // is EDT (13:00Z) and the other 60 minutes end at 10:00 EDT = 14:00Z (not 15:00Z).
      expect(await dueAt(cal.id, '2026-03-06T16:00:00-05:00', 120)).toBe('2026-03-09T14:00:00.000Z');
      expect(await dueAt(cal.id, '2026-03-06T21:00:00Z', 60)).toBe('2026-03-06T22:00:00.000Z'); // used up at closing: Friday 17:00
      expect(await dueAt(cal.id, '2026-03-07T15:00:00Z', 0)).toBe('2026-03-07T15:00:00.000Z');
    });

    it('New York: a holiday Monday moves the due time to Tuesday', async () => {
      const cal = await create(t, { ...NEW_YORK, holidays: [{ date: '2026-03-09' }] });
      expect(await dueAt(cal.id, '2026-03-06T16:00:00-05:00', 120)).toBe('2026-03-10T14:00:00.000Z');
    });

    it('Adelaide (UTC+10:30 → +9:30, DST ends 2026-04-05): Friday 16:30 + 60 min is Monday 09:30 ACST', async () => {
      const cal = await create(t, { timeZone: 'Australia/Adelaide', mode: 'business', weekly: WEEKDAYS });
      // Friday 2026-04-03 16:30 ACDT = 06:00Z; 30 minutes to 17:00, then Monday 09:00 ACST = Sunday 23:30Z + 30.
      expect(await dueAt(cal.id, '2026-04-03T06:00:00Z', 60)).toBe('2026-04-06T00:00:00.000Z');
    });

    it('24/7: real minutes, whatever the day', async () => {
      const cal = await create(t, { timeZone: 'Europe/London', mode: 'calendar' });
      expect(await dueAt(cal.id, '2026-03-28T23:30:00Z', 90)).toBe('2026-03-29T01:00:00.000Z');
    });

    it('answers 400 invalid-query to a bad from or minutes', async () => {
      const cal = await create(t);
      const cases: [string, string][] = [
        [`from=2026-03-06&minutes=60`, 'from'],
        [`from=yesterday&minutes=60`, 'from'],
        [`minutes=60`, 'from'],
        [`from=2026-03-06T16:00:00Z&minutes=-5`, 'minutes'],
        [`from=2026-03-06T16:00:00Z&minutes=1.5`, 'minutes'],
        [`from=2026-03-06T16:00:00Z&minutes=`, 'minutes'],
        [`from=2026-03-06T16:00:00Z&minutes=600000`, 'minutes'],
        [`from=2026-03-06T16:00:00Z`, 'minutes'],
      ];
      for (const [query, path] of cases) {
        const res = await t.api(`/v1/business-hours/${cal.id}/preview?${query}`);
        expect(res.status, query).toBe(400);
        const body = await problem(res);
        expect(body.type, query).toBe('https://inlet.dev/problems/invalid-query');
        expect(
          body.errors.map((e) => e.path),
          query,
        ).toEqual([path]);
      }
      expect((await preview(UNKNOWN, '2026-03-06T16:00:00Z', 60)).status).toBe(404);
    });
  });

  it('deletes an unused calendar; then it is gone', async () => {
    const cal = await create(t);
    expect((await t.api(`/v1/business-hours/${cal.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/business-hours/${cal.id}`)).status).toBe(404);
    expect((await t.api(`/v1/business-hours/${cal.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to delete a calendar an SLA policy uses, and names the policy', async () => {
    const cal = await create(t);
    const other = await create(t, NEW_YORK, 'Other');
    const res = await t.api('/v1/sla-policies', {
      body: {
        name: 'Hot leads',
        condition: { all: [] },
        targets: { firstResponseMinutes: 30, clock: 'business' },
        calendarId: cal.id,
      },
    });
    expect(res.status).toBe(201);
    const policy = ((await res.json()) as { id: string }).id;
    const refused = await t.api(`/v1/business-hours/${cal.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    const body = await problem(refused);
    expect(body).toMatchObject({
      type: 'https://inlet.dev/problems/conflict',
      policies: [{ id: policy, name: 'Hot leads' }],
    });
    expect(body.detail).toContain(policy);
    expect((await t.api(`/v1/business-hours/${cal.id}`)).status).toBe(200);
    expect(
      (await t.api(`/v1/sla-policies/${policy}`, { method: 'PATCH', body: { calendarId: other.id } })).status,
    ).toBe(200);
    expect((await t.api(`/v1/business-hours/${cal.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('never leaves a policy on a deleted calendar when both happen at once', async () => {
    for (let i = 0; i < 8; i++) {
      const cal = await create(t, NEW_YORK, `Race ${i}`);
      const [created, deleted] = await Promise.all([
        t.api('/v1/sla-policies', {
          body: {
            name: 'Racer',
            condition: { all: [] },
            targets: { firstResponseMinutes: 30, clock: 'business' },
            calendarId: cal.id,
          },
        }),
        t.api(`/v1/business-hours/${cal.id}`, { method: 'DELETE' }),
      ]);
      // Either the policy got in first (the delete sees it) or the delete did (the calendar is unknown).
      expect([
        [201, 409],
        [422, 204],
      ]).toContainEqual([created.status, deleted.status]);
    }
  });

  describe('another tenant', () => {
    let other: TestTenant;
    let theirs: string;
    beforeAll(async () => {
      other = await seedTenant(h, 'Globex');
      theirs = (await create(t, NEW_YORK, 'Acme only')).id;
    });

    it.each([
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/preview?from=2026-03-06T16:00:00Z&minutes=60'],
    ])(
      "answers %s /v1/business-hours/{id}%s for another tenant's calendar exactly like an unknown one",
      async (method, suffix) => {
        const body = method === 'PATCH' ? { name: 'pwned' } : undefined;
        await expectSameAsUnknown(
          other.api,
          `/v1/business-hours/${theirs}${suffix}`,
          `/v1/business-hours/${UNKNOWN}${suffix}`,
          { method, body },
        );
        expect(((await (await t.api(`/v1/business-hours/${theirs}`)).json()) as any).name).toBe('Acme only');
      },
    );

    it("never lists another tenant's calendars; a malformed id is 400", async () => {
      expect(((await (await other.api('/v1/business-hours?limit=100')).json()) as any).data).toEqual([]);
      expect((await t.api('/v1/business-hours/not-a-calendar')).status).toBe(400);
      expect((await t.api('/v1/business-hours/team_01JD3Q5V7X9K2M4N6P8R0S2T4V')).status).toBe(400);
    });
  });

  it('is in the OpenAPI document', async () => {
    const res = await h.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    for (const p of ['/v1/business-hours', '/v1/business-hours/{id}', '/v1/business-hours/{id}/preview'])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.components.schemas.BusinessCalendar.properties.mode.enum).toEqual(['business', 'calendar']);
  });
});
