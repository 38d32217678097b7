/**
 * SLA clocks on real leads: due time at creation in business hours, met vs breached to the second,
 * warnings, breach escalation exactly once under overlapping sweeps and after a crash, reassignment,
 * pauses by stage, and follow-up targets.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadEvents, leads, outbox } from '../../api/src/db/schema';
import { sweepBatch, sweepSla } from '../../api/src/jobs/sla-sweep';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedCalendar, seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('SLA on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { poolSize: 20 });
  });
  afterAll(() => h.close());

  async function setup(
    policy: Omit<Parameters<typeof seedSlaPolicy>[2], 'calendarId'> & { business?: boolean },
    reps = 2,
  ) {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    const repIds = await seedReps(
      h.handle.db,
      t.tenantId,
      team,
      Array.from({ length: reps }, () => ({})),
    );
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    const calendarId = policy.business ? await seedCalendar(h.handle.db, t.tenantId) : undefined;
    await seedSlaPolicy(h.handle.db, t.tenantId, { ...policy, calendarId });
    const send = async () => {
      const res = await submit(h, formId, {
        values: { name: 'Lead', email: `l${Math.random().toString(36).slice(2, 9)}@co.example` },
      });
      // Let the after-commit notification finish: it writes the lead's row (notified_at), and a sweep
      // that meets the row locked skips it until the next tick, as it should.
      await h.settle();
      return ((await res.json()) as { leadId: string }).leadId;
    };
    return { t, send, repIds, team };
  }
  const row = async (id: string) => (await h.handle.db.select().from(leads).where(eq(leads.id, id)))[0]!;
  const eventsOf = async (id: string, type: string) =>
    (await h.handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(asc(leadEvents.id))).filter(
      (e) => e.type === type,
    );
  const at = (iso: string) => h.clock.set(iso);
  const contacted = async (t: TestTenant, id: string, occurredAt?: string) => {
    const res = await t.api(`/v1/leads/${id}/events`, {
      body: { type: 'contacted', ...(occurredAt ? { occurredAt } : {}) },
    });
    await h.settle();
    return res;
  };

  it('gives a new lead its policy and a due time in business hours (Friday evening → Monday)', async () => {
    at('2026-11-20T21:45:00Z'); // Friday 16:45 in New York (EST)
    const { send } = await setup({ targets: { firstResponseMinutes: 60, clock: 'business' }, business: true });
    const lead = await row(await send());
    // 15 minutes on Friday, 45 on Monday from 09:00 EST (14:00Z)
    expect(lead.slaDueAt!.toISOString()).toBe('2026-11-23T14:45:00.000Z');
    expect(lead.slaState).toBe('running');
    expect(lead.slaNextCheckAt!.toISOString()).toBe('2026-11-23T14:45:00.000Z');
  });

  it('skips the holiday in the calendar (Thanksgiving)', async () => {
    at('2026-11-25T21:30:00Z'); // Wednesday 16:30 EST; Thursday 26th is a holiday
    const { send } = await setup({ targets: { firstResponseMinutes: 60, clock: 'business' }, business: true });
    const lead = await row(await send());
    expect(lead.slaDueAt!.toISOString()).toBe('2026-11-27T14:30:00.000Z'); // Friday 09:30 EST
  });

  it('counts a response one second before the due time as met, one second after as breached', async () => {
    at('2026-11-24T15:00:00Z');
    const { t, send } = await setup({ targets: { firstResponseMinutes: 30, clock: 'calendar' } });
    const early = await send();
    const late = await send();
    const due = (await row(early)).slaDueAt!;
    expect(due.toISOString()).toBe('2026-11-24T15:30:00.000Z');
    at('2026-11-24T15:31:00Z');
    expect((await contacted(t, early, '2026-11-24T15:29:59Z')).status).toBe(201);
    expect((await contacted(t, late, '2026-11-24T15:30:01Z')).status).toBe(201);
    expect((await row(early)).slaState).toBe('met');
    expect((await row(early)).firstResponseCalendarMinutes).toBeCloseTo(29.983, 2);
    expect((await row(late)).slaState).toBe('breached');
    expect(await eventsOf(late, 'lead.sla_breached')).toHaveLength(1);
    // The sweep (which serves every tenant) finds nothing left to do for either.
    await sweepSla(h.handle.db, h.clock.now);
    expect(await eventsOf(early, 'lead.sla_breached')).toHaveLength(0);
    expect(await eventsOf(late, 'lead.sla_breached')).toHaveLength(1);
  });

  it('warns at the set fraction, then breaches and escalates exactly once, even with two sweeps at once', async () => {
    at('2026-11-24T10:00:00Z');
    const { send } = await setup({ targets: { firstResponseMinutes: 60, clock: 'calendar', warnAtFraction: 0.75 } });
    const ids = await Promise.all(Array.from({ length: 12 }, () => send()));
    const r1 = await Promise.all([
      sweepSla(h.handle.db, new Date('2026-11-24T10:44:00Z')),
      sweepSla(h.handle.db, new Date('2026-11-24T10:44:00Z')),
    ]);
    expect(r1[0].warned + r1[1].warned).toBe(0);
    const r2 = await Promise.all([
      sweepSla(h.handle.db, new Date('2026-11-24T10:45:00Z'), 5),
      sweepSla(h.handle.db, new Date('2026-11-24T10:45:00Z'), 5),
    ]);
    expect(r2[0].warned + r2[1].warned).toBe(12);
    const r3 = await Promise.all([
      sweepSla(h.handle.db, new Date('2026-11-24T11:00:01Z'), 5),
      sweepSla(h.handle.db, new Date('2026-11-24T11:00:01Z'), 5),
    ]);
    expect(r3[0].breached + r3[1].breached).toBe(12);
    for (const id of ids) {
      expect(await eventsOf(id, 'lead.sla_warning')).toHaveLength(1);
      expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(1);
      const msgs = (await h.handle.db.select().from(outbox)).filter(
        (m) => (m.payload as any).leadId === id && m.topic === 'lead.sla_breached',
      );
      expect(msgs).toHaveLength(1);
    }
    await sweepSla(h.handle.db, new Date('2026-11-24T12:00:00Z'));
    for (const id of ids) expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(1);
  });

  it('leaves nothing half-done when a sweep crashes before it commits', async () => {
    at('2026-11-24T10:00:00Z');
    const { send } = await setup({ targets: { firstResponseMinutes: 10, clock: 'calendar' } });
    const id = await send();
    const later = new Date('2026-11-24T10:30:00Z');
    await expect(
      h.handle.db.transaction(async (tx) => {
        await sweepBatch(tx, later, 10, { warned: 0, breached: 0, reassigned: 0 });
        throw new Error('process died here');
      }),
    ).rejects.toThrow('process died here');
    expect((await row(id)).slaState).toBe('running');
    expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(0);
    await sweepSla(h.handle.db, later);
    expect((await row(id)).slaState).toBe('breached');
    expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(1);
  });

  it('reassigns a breached lead to the next available rep when the policy says so', async () => {
    at('2026-11-24T10:00:00Z');
    const { send, repIds } = await setup(
      { targets: { firstResponseMinutes: 5, clock: 'calendar' }, escalation: { reassign: true } },
      3,
    );
    const id = await send();
    const first = (await row(id)).ownerRepId;
    await sweepSla(h.handle.db, new Date('2026-11-24T10:06:00Z'));
    const after = await row(id);
    expect(after.ownerRepId).not.toBe(first);
    expect(repIds).toContain(after.ownerRepId);
    const routed = await eventsOf(id, 'lead.routed');
    expect(routed.map((e) => e.actor)).toEqual(['system', 'system:sla_escalation']);
  });

  it('pauses the clock on a chosen stage and resumes with the time that was left', async () => {
    at('2026-11-24T10:00:00Z');
    const { t, send } = await setup({
      targets: { firstResponseMinutes: 60, clock: 'calendar' },
      pauseStages: ['waiting_on_customer'],
    });
    expect(
      (await t.api('/v1/pipeline/stages', { body: { key: 'waiting_on_customer', name: 'Waiting on customer' } }))
        .status,
    ).toBe(201);
    const id = await send();
    at('2026-11-24T10:20:00Z');
    await t.api(`/v1/leads/${id}/events`, { body: { type: 'stage_changed', stage: 'waiting_on_customer' } });
    expect((await row(id)).slaState).toBe('paused');
    await sweepSla(h.handle.db, new Date('2026-11-24T12:00:00Z'));
    expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(0);
    at('2026-11-24T13:00:00Z');
    await t.api(`/v1/leads/${id}/events`, { body: { type: 'stage_changed', stage: 'qualified' } });
    const resumed = await row(id);
    expect(resumed.slaState).toBe('running');
    expect(resumed.slaDueAt!.toISOString()).toBe('2026-11-24T13:40:00.000Z'); // 40 minutes were left
  });

  it('moves on to the follow-up target after the first response', async () => {
    at('2026-11-24T10:00:00Z');
    const { t, send } = await setup({ targets: { firstResponseMinutes: 30, followUpMinutes: 120, clock: 'calendar' } });
    const id = await send();
    at('2026-11-24T10:10:00Z');
    await contacted(t, id);
    const lead = await row(id);
    expect(lead).toMatchObject({ slaPhase: 'follow_up', slaState: 'running' });
    expect(lead.slaDueAt!.toISOString()).toBe('2026-11-24T12:10:00.000Z');
    expect(lead.firstResponseCalendarMinutes).toBe(10);
    await sweepSla(h.handle.db, new Date('2026-11-24T12:10:01Z'));
    const breach = await eventsOf(id, 'lead.sla_breached');
    expect(breach.map((e) => (e.data as any).phase)).toEqual(['follow_up']);
  });

  it('warns before a follow-up is due, at the same fraction as the first response', async () => {
    at('2026-11-24T10:00:00Z');
    const { t, send } = await setup({
      targets: { firstResponseMinutes: 30, followUpMinutes: 120, clock: 'calendar', warnAtFraction: 0.5 },
    });
    const id = await send();
    at('2026-11-24T10:10:00Z');
    await contacted(t, id); // before the first-response warning (10:15): none fired
    expect((await row(id)).slaWarnAt!.toISOString()).toBe('2026-11-24T11:10:00.000Z');
    await sweepSla(h.handle.db, new Date('2026-11-24T11:09:59Z'));
    expect(await eventsOf(id, 'lead.sla_warning')).toHaveLength(0);
    await sweepSla(h.handle.db, new Date('2026-11-24T11:10:00Z'));
    expect((await eventsOf(id, 'lead.sla_warning')).map((e) => e.data)).toEqual([
      { phase: 'follow_up', dueAt: '2026-11-24T12:10:00.000Z' },
    ]);
    await sweepSla(h.handle.db, new Date('2026-11-24T12:10:01Z'));
    expect((await eventsOf(id, 'lead.sla_breached')).map((e) => (e.data as any).phase)).toEqual(['follow_up']);
    expect(await eventsOf(id, 'lead.sla_warning')).toHaveLength(1);
  });

  it('stops the clock when the lead closes', async () => {
    at('2026-11-24T10:00:00Z');
    const { t, send } = await setup({ targets: { firstResponseMinutes: 30, clock: 'calendar' } });
    const id = await send();
    await t.api(`/v1/leads/${id}/events`, { body: { type: 'lost', reason: 'duplicate' } });
    expect((await row(id)).slaNextCheckAt).toBeNull();
    await sweepSla(h.handle.db, new Date('2026-11-24T11:00:00Z'));
    expect(await eventsOf(id, 'lead.sla_breached')).toHaveLength(0);
  });
});
