/** GET /v1/reports/capacity-plan over leads routed, answered and scored through the real API. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, sourceScores } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

const day = [{ start: '09:00', end: '17:00' }];
const WEEKDAYS_9_TO_5 = {
  timeZone: 'UTC',
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
};

describe.each(testDbKinds)('capacity plan on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let teamId: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    h.clock.set('2026-11-01T10:00:00Z');
    const formId = (await t.createForm()).id;
    teamId = ((await (await t.api('/v1/teams', { body: { name: 'Sales' } })).json()) as { id: string }).id;
    const rep = await t.api('/v1/reps', {
      body: { teamId, name: 'Ann', email: 'ann@seller.example', workingHours: WEEKDAYS_9_TO_5 },
    });
    expect(rep.status).toBe(201);
    expect(
      (await t.api('/v1/routing/fallback', { method: 'PUT', body: { teamId, strategy: 'round_robin' } })).status,
    ).toBe(200);
    // Two measured weeks: paid search 4 then 8 leads, email 2 and 2; every lead answered within the hour.
    const weeks = [
      { at: '2026-11-03T10:00:00Z', paid: 4, email: 2 },
      { at: '2026-11-10T10:00:00Z', paid: 8, email: 2 },
    ];
    for (const w of weeks) {
      for (const [medium, n] of [
        ['cpc', w.paid],
        ['email', w.email],
      ] as const) {
        for (let i = 0; i < n; i++) {
          h.clock.set(w.at);
          const touchpoints = [
            { url: `https://www.example.com/?utm_source=google&utm_medium=${medium}`, occurredAt: w.at },
          ];
          const res = await submit(h, formId, {
            values: { name: 'L', email: `l${medium}${i}@x.example` },
            touchpoints,
          });
          const { leadId } = (await res.json()) as { leadId: string };
          h.clock.set(new Date(new Date(w.at).getTime() + 30 * 60_000));
          expect((await t.api(`/v1/leads/${leadId}/events`, { body: { type: 'contacted' } })).status).toBe(201);
        }
      }
    }
    const routed = await h.handle.db.select({ teamId: leads.teamId }).from(leads).where(eq(leads.tenantId, t.tenantId));
    expect(routed.every((l) => l.teamId === teamId)).toBe(true);
    // The scheduler's stored source quality per channel (normally computed from revenue after churn).
    await h.handle.db.insert(sourceScores).values([
      {
        tenantId: t.tenantId,
        dimension: 'channel',
        key: 'paid_search',
        currency: 'USD',
        leads: 12,
        netMinor: 600,
        score: 50,
        computedAt: h.clock.now,
      },
      {
        tenantId: t.tenantId,
        dimension: 'channel',
        key: 'email',
        currency: 'USD',
        leads: 4,
        netMinor: 3600,
        score: 900,
        computedAt: h.clock.now,
      },
    ]);
    h.clock.set('2026-11-18T12:00:00Z');
  });
  afterAll(() => h.close());

  it('plans capacity from working hours and the measured rate against the trend of demand', async () => {
    const res = await t.api(`/v1/reports/capacity-plan?teamId=${teamId}&weeks=3&historyWeeks=2`);
    expect(res.status).toBe(200);
    const plan = (await res.json()) as any;
    // 16 leads answered in 80 working hours: 0.2 an hour, 8 a week of 40 hours.
    expect(plan.handling).toMatchObject({ historyWeeks: 2, answered: 16, workingHours: 80, leadsPerWorkingHour: 0.2 });
    expect(plan.channels.map((c: any) => [c.channel, c.averagePerWeek, c.trendPerWeek, c.score])).toEqual([
      ['email', 2, 0, 900],
      ['paid_search', 6, 4, 50],
    ]);
    // Paid search continues its line (4, 8 → 16, 20, 24 two to four weeks on); email stays at 2.
    expect(plan.data.map((w: any) => [w.week, w.workingHours, w.capacity, w.demand, w.slaMisses, w.backlog])).toEqual([
      ['2026-W48', 40, 8, 18, 10, 10],
      ['2026-W49', 40, 8, 22, 22, 24],
      ['2026-W50', 40, 8, 26, 26, 42],
    ]);
    expect(plan.crossing).toEqual({ week: '2026-W48', start: '2026-11-23T00:00:00.000Z' });
    expect(plan.throttle).toEqual([
      { channel: 'paid_search', score: 50, leadsPerWeek: 16, demandAfter: 2, enough: true },
      { channel: 'email', score: 900, leadsPerWeek: 2, demandAfter: 0, enough: true },
    ]);
  });

  it('answers a team without history with no rate, and refuses bad queries and foreign teams', async () => {
    const idle = ((await (await t.api('/v1/teams', { body: { name: 'New' } })).json()) as { id: string }).id;
    const plan = (await (await t.api(`/v1/reports/capacity-plan?teamId=${idle}`)).json()) as any;
    expect(plan.handling.leadsPerWorkingHour).toBeNull();
    expect(plan.data).toHaveLength(8);
    expect(plan.crossing).toBeNull();
    for (const q of [
      '',
      `teamId=${teamId}&weeks=0`,
      `teamId=${teamId}&weeks=53`,
      'teamId=nope',
      `teamId=${teamId}&demandFactor=-1`,
    ]) {
      const bad = await t.api(`/v1/reports/capacity-plan?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const other = await seedTenant(h, 'Other');
    expect((await other.api(`/v1/reports/capacity-plan?teamId=${teamId}`)).status).toBe(404);
  });
});
