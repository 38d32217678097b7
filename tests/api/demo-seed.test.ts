/**
 * The demo workspace `npm start` seeds: its setup, a settled history (nothing for the scheduler to
 * escalate or announce), a newcomer's lead that lands with an owner and a running clock at night and
 * at weekends, and seeding twice adding nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadEvents, leads, outbox } from '../../api/src/db/schema';
import { runTick } from '../../api/src/jobs/tick';
import { DEMO_FIELDS } from '../../api/src/local/demo-seed';
import { seedDemoWorkspace } from '../../api/src/local/demo-write';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { startTestServer } from '../helpers/local-server';

// A Saturday, 03:30 in Berlin: the sales office (the business-hours calendar) is closed.
const SATURDAY_NIGHT = '2026-12-05T02:30:00Z';
// A Sunday evening in Europe (Monday 05:45 in Sydney): only Los Angeles is at work.
const SUNDAY_EVENING = '2026-12-06T18:45:00Z';
const DAY = 86_400_000;

describe.each(testDbKinds)('the demo seed on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let demoFormId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    h.clock.set(SATURDAY_NIGHT);
    t = await seedTenant(h, 'Demo company');
    demoFormId = (await t.createForm({ name: 'Talk to sales (demo)', fields: DEMO_FIELDS })).id;
    const started = performance.now();
    const result = await seedDemoWorkspace(h.handle.db, {
      tenantId: t.tenantId,
      demoFormId,
      origins: [ORIGIN],
      now: h.clock.now,
    });
    // A figure for the README, not an assertion (the machine is shared).
    console.info(`demo seed on ${kind}: ${Math.round(performance.now() - started)} ms`);
    expect(result).toEqual({ seeded: true, leads: 200 });
  }, 120_000);
  afterAll(() => h.close());

  const list = async (path: string) => ((await (await t.api(path)).json()) as { data: Record<string, any>[] }).data;

  it('sets up two teams with reps in different zones, three rules and a fallback, SLA and capacity policies', async () => {
    const teams = await list('/v1/teams?limit=100');
    expect(teams.map((x) => x.name).sort()).toEqual(['Enterprise sales', 'Inbound desk (24/7)']);
    const reps = await list('/v1/reps?limit=100');
    expect(reps).toHaveLength(5);
    expect(new Set(reps.map((r) => r.timeZone)).size).toBe(5);
    expect(reps.some((r) => r.outOfOffice.length > 0)).toBe(true);
    expect((await list('/v1/routing/rules?limit=100')).map((r) => r.position)).toEqual([0, 1, 2]);
    const fallback = (await (await t.api('/v1/routing/fallback')).json()) as Record<string, any>;
    expect(JSON.stringify(fallback)).toContain(teams.find((x) => x.name.startsWith('Inbound'))!.id);
    const calendars = await list('/v1/business-hours?limit=100');
    expect(calendars).toHaveLength(1);
    const policies = await list('/v1/sla-policies?limit=100');
    expect(policies.map((p) => p.targets.clock)).toEqual(['calendar', 'business']);
    expect(policies[1]!.calendarId).toBe(calendars[0]!.id);
    const capacity = await list('/v1/capacity-policies?limit=100');
    expect(capacity).toHaveLength(1);
    expect(capacity[0]!.formIds).toHaveLength(1);
    expect(capacity[0]!.formIds[0]).not.toBe(demoFormId);
  });

  it('writes 200 leads of the last 60 days from varied channels and campaigns, already settled', async () => {
    const rows = await h.handle.db.select().from(leads).where(eq(leads.tenantId, t.tenantId));
    expect(rows).toHaveLength(200);
    const now = h.clock.now.getTime();
    for (const l of rows) {
      expect(now - l.createdAt.getTime()).toBeLessThanOrEqual(60 * DAY + 3 * 3_600_000);
      expect(l.createdAt.getTime()).toBeLessThan(now);
      expect(['met', 'breached']).toContain(l.slaState);
      expect(l.slaNextCheckAt).toBeNull();
      expect(l.stallCheckAt).toBeNull();
      if (l.slaState === 'met') expect(l.firstResponseAt!.getTime()).toBeLessThanOrEqual(l.slaDueAt!.getTime());
      else expect(l.slaBreachedAt).toEqual(l.slaDueAt);
    }
    const late = rows.filter((l) => l.firstResponseAt && l.firstResponseMet === false);
    const never = rows.filter((l) => !l.firstResponseAt);
    expect(late.length).toBeGreaterThan(5);
    expect(never.length).toBeGreaterThan(5);
    expect(never.every((l) => l.slaState === 'breached')).toBe(true);
    expect(new Set(rows.map((l) => l.firstChannel)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((l) => l.firstTouch?.campaign).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((l) => l.status))).toEqual(new Set(['open', 'won', 'lost']));
    expect(rows.filter((l) => l.ownerRepId).length).toBeGreaterThan(150);

    // Each rep's open-lead count is the number of open leads it holds.
    const reps = await list('/v1/reps?limit=100');
    for (const r of reps)
      expect(r.openLeads).toBe(rows.filter((l) => l.ownerRepId === r.id && l.status === 'open').length);

    // The SLA report already has numbers (the screens are alive on first start).
    const from = new Date(now - 61 * DAY).toISOString();
    const report = (await (
      await t.api(`/v1/reports/sla?from=${from}&to=${h.clock.now.toISOString()}&groupBy=all`)
    ).json()) as { rows?: { breaches: number; withinTarget: number }[]; data?: unknown };
    expect(JSON.stringify(report)).toMatch(/"breaches":[1-9]/);
  });

  it('gives the scheduler nothing to escalate or announce about the history', async () => {
    const events = async () =>
      (await h.handle.db.select({ n: count() }).from(leadEvents).where(eq(leadEvents.tenantId, t.tenantId)))[0]!.n;
    const before = await events();
    const outboxRows = () => h.handle.db.select({ n: count() }).from(outbox).where(eq(outbox.tenantId, t.tenantId));
    expect((await outboxRows())[0]!.n).toBe(0);
    await runTick(h.handle.db, h.clock.now, h.deps);
    expect((await outboxRows())[0]!.n).toBe(0);
    expect(await events()).toBe(before);
  });

  it.each([SATURDAY_NIGHT, SUNDAY_EVENING])(
    'lands a demo-site lead at %s with an owner and a running clock',
    async (at) => {
      h.clock.set(at);
      const res = await submit(h, demoFormId, {
        values: { name: 'New Visitor', email: `visitor.${Date.parse(at)}@newco.test`, team_size: '200+' },
      });
      expect(res.status).toBe(201);
      const { leadId } = (await res.json()) as { leadId: string };
      const [lead] = await h.handle.db.select().from(leads).where(eq(leads.id, leadId));
      expect(lead!.ownerRepId).not.toBeNull();
      expect(lead!.slaState).toBe('running');
      // The desk's policy runs on calendar time: due 30 minutes after arrival, whatever the day.
      expect(lead!.slaDueAt!.getTime()).toBe(Date.parse(at) + 30 * 60_000);
      const detail = (await (await t.api(`/v1/leads/${leadId}`)).json()) as Record<string, any>;
      expect(detail.ownerRepId).toBe(lead!.ownerRepId);
      expect(JSON.stringify(detail)).toContain('Demo site → inbound desk (24/7)');
    },
  );

  it('adds nothing when seeded a second time', async () => {
    const counted = async () =>
      (
        await h.handle.db
          .select({ n: count() })
          .from(leads)
          .where(and(eq(leads.tenantId, t.tenantId), isNotNull(leads.slaPolicyId)))
      )[0]!.n;
    const before = await counted();
    const again = await seedDemoWorkspace(h.handle.db, {
      tenantId: t.tenantId,
      demoFormId,
      origins: [ORIGIN],
      now: h.clock.now,
    });
    expect(again).toEqual({ seeded: false, leads: 0 });
    expect(await counted()).toBe(before);
    expect(await list('/v1/teams?limit=100')).toHaveLength(2);
    expect(await list('/v1/routing/rules?limit=100')).toHaveLength(3);
  });

  it('marks what it wrote as demo data, so clearing it keeps what the customer made', async () => {
    const mine = (await (await t.api('/v1/teams', { body: { name: 'My own team' } })).json()) as { id: string };
    const res = await t.api('/v1/demo-data', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const cleared = (await res.json()) as Record<string, number>;
    expect(cleared).toMatchObject({
      leads: 200,
      teams: 2,
      reps: 5,
      routingRules: 3,
      slaPolicies: 2,
      businessHours: 1,
      capacityPolicies: 1,
    });
    expect((await list('/v1/teams?limit=100')).map((x) => x.id)).toEqual([mine.id]);
    // The two leads submitted above are the customer's: they stay (unassigned, their demo owner is gone).
    const left = await h.handle.db.select().from(leads).where(eq(leads.tenantId, t.tenantId));
    expect(left).toHaveLength(2);
    expect(left.every((l) => !l.demo && l.ownerRepId === null)).toBe(true);
  });
});

describe('npm start', () => {
  it('seeds the demo workspace on the first start only', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-demo-seed-'));
    const leadsOf = async (s: Awaited<ReturnType<typeof startTestServer>>) => {
      const db = s.handle.db;
      return (await db.select({ n: count() }).from(leads).where(eq(leads.tenantId, s.demo.tenantId)))[0]!.n;
    };
    try {
      const first = await startTestServer({ demoData: true, dataDir });
      const res = await fetch(`${first.apiUrl}/v1/teams`, {
        headers: { authorization: `Bearer ${first.demo.secretKey}` },
      });
      expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
      expect(await leadsOf(first)).toBe(200);
      expect(first.demo.seededAt).toBeTruthy();
      await first.close();
      const second = await startTestServer({ demoData: true, dataDir });
      expect(second.demo.tenantId).toBe(first.demo.tenantId);
      expect(await leadsOf(second)).toBe(200);
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
