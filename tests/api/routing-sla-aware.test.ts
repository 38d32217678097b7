/** SLA-aware routing: the lead goes to someone who is at work until it is due, or soonest. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadEvents, leads } from '../../api/src/db/schema';
import type { BusinessCalendar } from '../../api/src/domain/business-hours';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness } from '../helpers/harness';
import { seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

const shift = (start: string, end: string): BusinessCalendar => {
  const day = [{ start, end }];
  return {
    timeZone: 'America/New_York',
    mode: 'business',
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: [],
  };
};

describe.each(testDbKinds)('SLA-aware routing on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  async function setup(slaAware: boolean) {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Inside sales');
    const [allDay, morning, early] = (await seedReps(h.handle.db, t.tenantId, team, [
      { name: 'All day', workingHours: shift('09:00', '17:00') },
      { name: 'Morning', workingHours: shift('09:00', '12:00') },
      { name: 'Early', workingHours: shift('08:00', '10:00') },
    ])) as [string, string, string];
    await seedRule(h.handle.db, t.tenantId, { teamId: team, slaAware });
    await seedSlaPolicy(h.handle.db, t.tenantId, { targets: { firstResponseMinutes: 60, clock: 'calendar' } });
    const send = async () => {
      const res = await submit(h, formId, {
        values: { name: 'L', email: `${Math.random().toString(36).slice(2, 9)}@co.example` },
      });
      const id = ((await res.json()) as { leadId: string }).leadId;
      return (await h.handle.db.select({ owner: leads.ownerRepId }).from(leads).where(eq(leads.id, id)))[0]!.owner;
    };
    const simulate = async () => {
      const res = await t.api('/v1/routing/simulate', {
        body: { lead: { formId, values: { name: 'L', email: 'sim@co.example' } } },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as any).decision.repId as string | null;
    };
    return { send, simulate, allDay, morning, early };
  }

  it('skips a rep whose shift ends before the due time (11:30, due 12:30)', async () => {
    h.clock.set('2026-11-24T16:30:00Z'); // Tuesday 11:30 in New York
    const aware = await setup(true);
    expect([await aware.send(), await aware.send(), await aware.send()]).toEqual([
      aware.allDay,
      aware.allDay,
      aware.allDay,
    ]);
    // Without the option, round robin alternates between the two reps at work.
    const plain = await setup(false);
    expect(new Set([await plain.send(), await plain.send()])).toEqual(new Set([plain.allDay, plain.morning]));
  });

  it('records why a rep was passed over', async () => {
    h.clock.set('2026-11-24T16:30:00Z');
    const { send, morning, early } = await setup(true);
    await send();
    const all = await h.handle.db.select().from(leadEvents).where(eq(leadEvents.type, 'lead.routed'));
    const last = all.sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1)!;
    const considered = Object.fromEntries(
      ((last.data as any).attempts[0].considered as any[]).map((c) => [c.repId, c.outcome]),
    );
    expect(considered[morning]).toBe('ends_before_due');
    expect(considered[early]).toBe('outside_working_hours');
  });

  it('simulates the same choice a submission gets', async () => {
    h.clock.set('2026-11-24T16:30:00Z');
    const aware = await setup(true);
    expect(await aware.simulate()).toBe(aware.allDay);
    expect(await aware.send()).toBe(aware.allDay);
    h.clock.set('2026-11-24T12:00:00Z'); // before anyone works: the earliest starter, not nobody
    const early = await setup(true);
    expect(await early.simulate()).toBe(early.early);
  });

  it('takes the rep who works longest when nobody covers the due time (16:45, due 17:45)', async () => {
    h.clock.set('2026-11-24T21:45:00Z');
    const { send, allDay } = await setup(true);
    expect(await send()).toBe(allDay);
  });

  it('gives a lead that arrives before anyone works to whoever starts first, instead of leaving it unassigned', async () => {
    h.clock.set('2026-11-24T12:00:00Z'); // 07:00 in New York
    const aware = await setup(true);
    expect(await aware.send()).toBe(aware.early);
    const plain = await setup(false);
    expect(await plain.send()).toBeNull();
  });
});
