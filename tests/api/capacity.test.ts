/**
 * The capacity gate: exact under concurrency, replays free, windows rolling over at the tenant's
 * midnight, waitlist / closed / redirect, notifications, promotion when capacity frees, demand seen.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityPolicies, formViews, leadEvents, leads, outbox, tenants, touchpoints } from '../../api/src/db/schema';
import type { CapacityPolicy } from '../../api/src/domain/capacity';
import { runCapacityTick } from '../../api/src/jobs/capacity-tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness } from '../helpers/harness';
import { seedCapacityPolicy, seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('capacity on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { poolSize: 40 });
  });
  afterAll(() => h.close());

  async function formWith(
    policy: CapacityPolicy,
    opts: { timeZone?: string; teamId?: (tenantId: string) => Promise<string> } = {},
  ) {
    const t = await seedTenant(h);
    if (opts.timeZone)
      await h.handle.db.update(tenants).set({ timeZone: opts.timeZone }).where(eq(tenants.id, t.tenantId));
    const formId = (await t.createForm()).id;
    const teamId = opts.teamId ? await opts.teamId(t.tenantId) : undefined;
    await seedCapacityPolicy(h.handle.db, t.tenantId, formId, policy, { teamId });
    let n = 0;
    const send = async (headers: Record<string, string> = {}, body?: unknown) => {
      n++;
      return submit(
        h,
        formId,
        body ?? { values: { name: `L${n}`, email: `l${n}.${Math.random().toString(36).slice(2, 7)}@co.example` } },
        headers,
      );
    };
    return { t, formId, send };
  }
  const statuses = async (formId: string) =>
    (await h.handle.db.select({ status: leads.status }).from(leads).where(eq(leads.formId, formId))).map(
      (r) => r.status,
    );
  const topics = async (tenantId: string) =>
    (await h.handle.db.select().from(outbox).where(eq(outbox.tenantId, tenantId))).map((m) => m.topic);

  for (const k of [0, 1, 25]) {
    it(`accepts exactly ${k} of 200 racing submissions and waitlists the rest`, async () => {
      h.clock.set('2026-11-24T12:00:00Z');
      const { formId, send } = await formWith({
        limit: { count: k, per: 'day' },
        whenFull: { action: 'waitlist', message: 'We will reply within 3 days' },
      });
      const answers = await Promise.all(Array.from({ length: 200 }, () => send()));
      const bodies = await Promise.all(answers.map((a) => a.json() as Promise<any>));
      expect(answers.every((a) => a.status === 201)).toBe(true);
      expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(k);
      expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(200 - k);
      expect(bodies.find((b) => b.status === 'waitlisted')?.message).toBe('We will reply within 3 days');
      const stored = await statuses(formId);
      expect(stored.filter((s) => s === 'open')).toHaveLength(k);
      expect(stored.filter((s) => s === 'waitlisted')).toHaveLength(200 - k);
    });
  }

  it('shares one window between the forms of a team policy: exactly K of 200 racing over two forms, promoted in arrival order across them', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    const t = await seedTenant(h);
    const forms = [(await t.createForm()).id, (await t.createForm({ name: 'Pricing' })).id];
    const policyId = await seedCapacityPolicy(h.handle.db, t.tenantId, forms, {
      limit: { count: 7, per: 'day' },
      whenFull: { action: 'waitlist' },
    });
    const send = (i: number) =>
      submit(h, forms[i % 2]!, { values: { name: `L${i}`, email: `l${i}.${t.tenantId}@co.example` } });
    const shown = async (f: string) =>
      ((await (await h.request(`/v1/public/forms/${f}`, { headers: { origin: ORIGIN } })).json()) as any).availability
        .state;
    expect([await shown(forms[0]!), await shown(forms[1]!)]).toEqual(['open', 'open']); // now cached for a few seconds
    const bodies = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => (await send(i)).json() as Promise<any>),
    );
    expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(7);
    const [a, b] = [await statuses(forms[0]!), await statuses(forms[1]!)];
    expect([...a, ...b].filter((s) => s === 'open')).toHaveLength(7);
    // Both forms show the shared window as full at once (the clock has not moved: no cache expired).
    expect([await shown(forms[0]!), await shown(forms[1]!)]).toEqual(['waitlist', 'waitlist']);

    h.clock.set('2026-11-25T00:00:05Z');
    await h.settle();
    await runCapacityTick(h.handle.db, h.clock.now);
    const rows = await h.handle.db.select().from(leads).where(eq(leads.tenantId, t.tenantId));
    const waitlisted = bodies
      .filter((x) => x.status === 'waitlisted')
      .map((x) => x.leadId as string)
      .sort();
    const promoted = rows
      .filter((r) => waitlisted.includes(r.id) && r.status === 'open')
      .map((r) => r.id)
      .sort();
    expect(promoted).toEqual(waitlisted.slice(0, 7)); // the 7 earliest, whichever form they came through
    const report = (await (
      await t.api(`/v1/reports/capacity?policyId=${policyId}&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z`)
    ).json()) as any;
    expect(report).toMatchObject({ formIds: [...forms].sort(), policyId, capacity: { count: 7, per: 'day' } });
    expect(report.rows.map((r: any) => [r.key, r.accepted, r.waitlisted, r.placesTaken])).toEqual([
      ['2026-11-24', 7, 193, 7],
    ]);
  });

  it('refuses past the limit of a closed form with 409 and its availability, storing only the refused touch', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    const { t, formId, send } = await formWith({
      limit: { count: 10, per: 'day' },
      whenFull: { action: 'closed', message: 'Full for today' },
    });
    const answers = await Promise.all(Array.from({ length: 60 }, () => send()));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(50);
    const problem = (await refused[0]!.json()) as any;
    expect(problem.type).toBe('https://inlet.dev/problems/form-closed');
    expect(problem.availability).toEqual({
      state: 'closed',
      message: 'Full for today',
      reopensAt: '2026-11-25T00:00:00.000Z',
    });
    expect(await statuses(formId)).toHaveLength(10);
    const turnedAway = await h.handle.db
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.formId, formId), eq(touchpoints.outcome, 'refused')));
    expect(turnedAway).toHaveLength(50);
    expect(turnedAway.every((tp) => tp.leadId === null && tp.visitorId === null)).toBe(true);
    expect((await t.rowCounts()).leads).toBe(10);
  });

  it('tells a redirect when full', async () => {
    const { send } = await formWith({
      limit: { count: 0, per: 'week' },
      whenFull: { action: 'redirect', url: 'https://example.com/self-serve' },
    });
    const res = await send();
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).availability).toEqual({
      state: 'redirect',
      url: 'https://example.com/self-serve',
    });
  });

  it('does not take capacity again for a replayed submission', async () => {
    const { formId, send } = await formWith({ limit: { count: 2, per: 'day' }, whenFull: { action: 'waitlist' } });
    const body = { values: { name: 'Same', email: 'same@co.example' } };
    for (let i = 0; i < 5; i++)
      expect(((await (await send({ 'idempotency-key': 'same-1' }, body)).json()) as any).status).toBe('accepted');
    expect(((await (await send()).json()) as any).status).toBe('accepted');
    expect(((await (await send()).json()) as any).status).toBe('waitlisted');
    expect((await statuses(formId)).sort()).toEqual(['open', 'open', 'waitlisted']);
  });

  it("rolls the window over at midnight in the tenant's zone, on the day DST ends too", async () => {
    // New York, 1 November 2026: clocks fall back at 02:00, the local day lasts 25 hours.
    const { send } = await formWith(
      { limit: { count: 1, per: 'day' }, whenFull: { action: 'waitlist' } },
      { timeZone: 'America/New_York' },
    );
    const status = async (at: string) => (h.clock.set(at), ((await (await send()).json()) as any).status);
    expect(await status('2026-11-01T04:00:30Z')).toBe('accepted'); // 00:00:30 EDT, 1 Nov
    expect(await status('2026-11-02T04:59:59Z')).toBe('waitlisted'); // 23:59:59 EST, still 1 Nov (25-hour day)
    expect(await status('2026-11-02T05:00:00Z')).toBe('accepted'); // 00:00 EST, 2 Nov
  });

  it('notifies at the soft threshold once and when the form fills up', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    const { t, formId, send } = await formWith({
      limit: { count: 10, per: 'day' },
      softThreshold: 0.8,
      whenFull: { action: 'waitlist' },
    });
    for (let i = 0; i < 12; i++) await send();
    const messages = await h.handle.db.select().from(outbox).where(eq(outbox.tenantId, t.tenantId));
    const threshold = messages.filter((m) => m.topic === 'capacity.threshold');
    const closed = messages.filter((m) => m.topic === 'capacity.closed');
    expect(threshold).toHaveLength(1);
    expect(closed).toHaveLength(1);
    // Named for people (Slack shows the policy's name) and for code (ids, window, when it resets).
    const named = {
      formIds: [formId],
      policyName: 'Capacity',
      window: '2026-11-24',
      resetsAt: '2026-11-25T00:00:00.000Z',
      limit: 10,
    };
    expect(threshold[0]!.payload).toMatchObject({ ...named, used: 8, threshold: 0.8 });
    expect(closed[0]!.payload).toMatchObject({ ...named, used: 10, state: 'waitlist' });
  });

  it('promotes waitlisted leads in arrival order when the next window opens, routing them and starting their clocks', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    let team = '';
    const { t, formId, send } = await formWith(
      { limit: { count: 2, per: 'day' }, whenFull: { action: 'waitlist' } },
      {
        teamId: async (tenantId) => {
          team = await seedTeam(h.handle.db, tenantId, 'Sales');
          await seedReps(h.handle.db, tenantId, team, [{}]);
          await seedRule(h.handle.db, tenantId, { teamId: team });
          await seedSlaPolicy(h.handle.db, tenantId, { targets: { firstResponseMinutes: 60, clock: 'calendar' } });
          return team;
        },
      },
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await send()).json()) as any).leadId);
    expect((await statuses(formId)).filter((s) => s === 'waitlisted')).toHaveLength(3);
    h.clock.set('2026-11-25T00:00:05Z');
    await h.settle();
    // The tick serves every tenant; this form's share is checked on its leads.
    expect((await runCapacityTick(h.handle.db, h.clock.now)).promoted).toBeGreaterThanOrEqual(2);
    const rows = await h.handle.db.select().from(leads).where(eq(leads.formId, formId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)!.status)).toEqual(['open', 'open', 'open', 'open', 'waitlisted']);
    expect(byId.get(ids[2]!)).toMatchObject({ teamId: team, slaState: 'running' });
    expect(byId.get(ids[2]!)!.slaDueAt!.toISOString()).toBe('2026-11-25T01:00:05.000Z');
    const promoted = await h.handle.db
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, ids[2]!), eq(leadEvents.type, 'lead.promoted')));
    expect(promoted).toHaveLength(1);
    expect(await topics(t.tenantId)).toContain('capacity.reopened');
  });

  it('routes a promoted lead by its stored email even after its form was archived', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    let [enterprise, everyone] = ['', ''];
    const { t, formId, send } = await formWith(
      { limit: { count: 0, per: 'day' }, whenFull: { action: 'waitlist' } },
      {
        teamId: async (tenantId) => {
          [enterprise, everyone] = [
            await seedTeam(h.handle.db, tenantId, 'Enterprise'),
            await seedTeam(h.handle.db, tenantId, 'Everyone'),
          ];
          await seedReps(h.handle.db, tenantId, enterprise, [{}]);
          await seedReps(h.handle.db, tenantId, everyone, [{}]);
          await seedRule(
            h.handle.db,
            tenantId,
            { teamId: enterprise },
            { position: 0, condition: { field: 'email.domain', op: 'eq', value: 'bigcorp.example' } },
          );
          await seedRule(h.handle.db, tenantId, { teamId: everyone }, { position: 1 });
          return enterprise;
        },
      },
    );
    const { leadId } = (await (
      await send({}, { values: { name: 'Big', email: 'Buyer@BigCorp.example' } })
    ).json()) as any;
    expect((await t.api(`/v1/forms/${formId}`, { method: 'DELETE' })).status).toBe(204);
    await h.handle.db
      .update(capacityPolicies)
      .set({ policy: { limit: { count: 5, per: 'day' }, whenFull: { action: 'waitlist' } } })
      .where(eq(capacityPolicies.tenantId, t.tenantId));
    await h.settle();
    await runCapacityTick(h.handle.db, h.clock.now);
    const [lead] = await h.handle.db.select().from(leads).where(eq(leads.id, leadId));
    expect(lead).toMatchObject({ status: 'open', teamId: enterprise });
  });

  it('closes when the team is full and promotes when a lead closes', async () => {
    let repIds: string[] = [];
    const { t, formId, send } = await formWith(
      { teamDerived: true, whenFull: { action: 'waitlist' } },
      {
        teamId: async (tenantId) => {
          const team = await seedTeam(h.handle.db, tenantId, 'Small team');
          repIds = await seedReps(h.handle.db, tenantId, team, [{ maxOpenLeads: 1 }, { maxOpenLeads: 1 }]);
          await seedRule(h.handle.db, tenantId, { teamId: team });
          return team;
        },
      },
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => send()));
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<any>));
    expect(bodies.filter((b) => b.status === 'accepted')).toHaveLength(2);
    const won = bodies.find((b) => b.status === 'accepted').leadId;
    await t.api(`/v1/leads/${won}/events`, { body: { type: 'won', amount: 100, currency: 'USD' } });
    await h.settle();
    await runCapacityTick(h.handle.db, h.clock.now);
    expect((await statuses(formId)).filter((s) => s === 'open')).toHaveLength(2);
    expect(repIds).toHaveLength(2);
  });

  it('shows the availability to the widget and counts views by source (not bots), keeping refused views', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    const { formId } = await formWith({
      limit: { count: 0, per: 'day' },
      whenFull: { action: 'closed', message: 'Back tomorrow' },
    });
    const page = encodeURIComponent(
      'https://www.example.com/?utm_source=linkedin&utm_medium=paid_social&utm_campaign=launch',
    );
    // Three visitors; the first comes back twice more the same day, which counts nothing more.
    for (const i of [0, 1, 2, 0, 0]) {
      const res = await h.request(`/v1/public/forms/${formId}?v=visitor_000${i}&u=${page}`, {
        headers: { origin: ORIGIN },
      });
      expect(((await res.json()) as any).availability).toEqual({
        state: 'closed',
        message: 'Back tomorrow',
        reopensAt: '2026-11-25T00:00:00.000Z',
      });
    }
    // A crawler and a link preview get the same answer, but are not visitors: not counted.
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    ]) {
      const res = await h.request(`/v1/public/forms/${formId}?u=${page}`, {
        headers: { origin: ORIGIN, 'user-agent': ua },
      });
      expect(((await res.json()) as any).availability.state).toBe('closed');
    }
    await h.settle();
    const views = await h.handle.db.select().from(formViews).where(eq(formViews.formId, formId));
    expect(views).toEqual([
      expect.objectContaining({
        day: '2026-11-24',
        state: 'closed',
        channel: 'paid_social',
        campaign: 'launch',
        views: 3,
      }),
    ]);
    const refused = await h.handle.db
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.formId, formId), eq(touchpoints.outcome, 'refused_view')));
    expect(refused).toHaveLength(3);
  });

  it('is closed before the schedule opens, saying when it opens', async () => {
    h.clock.set('2026-11-24T12:00:00Z');
    const { send } = await formWith({ schedule: { opensAt: '2026-12-01T09:00:00Z' }, whenFull: { action: 'closed' } });
    const res = await send();
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).availability).toEqual({
      state: 'closed',
      reopensAt: '2026-12-01T09:00:00.000Z',
    });
  });
});
