/** The SLA and capacity reports, computed from what real submissions, responses and ticks stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness } from '../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { seedCapacityPolicy, seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('reports on %s', (kind) => {
  let h: Harness;
  let slack: Receiver;
  beforeAll(async () => {
    h = await createHarness(kind);
    slack = await startReceiver();
  });
  afterAll(async () => {
    await h.close();
    await slack.close();
  });

  it("splits each response into Inlet's delay and the rep's, and counts breaches by rep", async () => {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    const [ana, ben] = (await seedReps(h.handle.db, t.tenantId, team, [
      { name: 'Ana', slackWebhookUrl: `${slack.url}/ana` },
      { name: 'Ben', slackWebhookUrl: `${slack.url}/ben` },
    ])) as [string, string];
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    await seedSlaPolicy(h.handle.db, t.tenantId, { targets: { firstResponseMinutes: 10, clock: 'calendar' } });

    h.clock.set('2026-11-24T10:00:00Z');
    slack.failNext(2); // the first notifications fail; the scheduler's retry delivers them
    const leadA = ((await (await submit(h, formId, { values: { name: 'A', email: 'a@x.example' } })).json()) as any)
      .leadId;
    const leadB = ((await (await submit(h, formId, { values: { name: 'B', email: 'b@x.example' } })).json()) as any)
      .leadId;
    await h.settle();
    h.clock.set('2026-11-24T10:00:40Z');
    await runTick(h.handle.db, h.clock.now, h.deps); // retry after 10 s backoff: notified at 10:00:40
    h.clock.set('2026-11-24T10:01:40Z');
    expect((await t.api(`/v1/leads/${leadA}/events`, { body: { type: 'contacted' } })).status).toBe(201); // 60 s after notice
    h.clock.set('2026-11-24T10:20:00Z');
    await t.api(`/v1/leads/${leadB}/events`, { body: { type: 'contacted' } }); // 20 min: late

    const res = await t.api('/v1/reports/sla?groupBy=rep&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z');
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as any).rows as any[];
    const byRep = Object.fromEntries(rows.map((r) => [r.key, r]));
    const ownerA = [ana, ben].find((r) => byRep[r]?.withinTarget === 1)!;
    const ownerB = ownerA === ana ? ben : ana;
    expect(byRep[ownerA]).toMatchObject({
      leads: 1,
      answered: 1,
      withinTarget: 1,
      breaches: 0,
      shareWithinTarget: 1,
      medianSystemDelaySeconds: 40,
      medianRepDelaySeconds: 60,
    });
    expect(byRep[ownerA].medianFirstResponseMinutes).toBeCloseTo(1 + 40 / 60, 5);
    expect(byRep[ownerB]).toMatchObject({ leads: 1, answered: 1, withinTarget: 0, breaches: 1, shareWithinTarget: 0 });
    const all = (
      (await (await t.api('/v1/reports/sla?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z')).json()) as any
    ).rows;
    expect(all).toEqual([
      expect.objectContaining({ key: 'all', leads: 2, withinTarget: 1, breaches: 1, shareWithinTarget: 0.5 }),
    ]);
  });

  it('shows demand against capacity per day and by campaign', async () => {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    await seedCapacityPolicy(h.handle.db, t.tenantId, formId, {
      limit: { count: 2, per: 'day' },
      whenFull: { action: 'waitlist' },
    });
    const from = (campaign: string) => ({
      url: `https://www.example.com/?utm_source=x&utm_campaign=${campaign}`,
      occurredAt: '2026-11-24T09:00:00Z',
    });
    h.clock.set('2026-11-24T12:00:00Z');
    for (const campaign of ['launch', 'launch', 'launch', 'webinar']) {
      await submit(h, formId, {
        values: { name: 'N', email: `${Math.random().toString(36).slice(2, 8)}@x.example` },
        touchpoints: [from(campaign)],
      });
    }
    await h.request(`/v1/public/forms/${formId}?u=${encodeURIComponent(from('launch').url)}`, {
      headers: { origin: ORIGIN },
    });
    await h.settle();
    const q = `formId=${formId}&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`;
    const daily = (await (await t.api(`/v1/reports/capacity?${q}&groupBy=day`)).json()) as any;
    expect(daily).toMatchObject({
      formIds: [formId],
      policyId: expect.stringMatching(/^cap_/),
      capacity: { count: 2, per: 'day' },
    });
    expect(daily.rows).toEqual([
      expect.objectContaining({
        key: '2026-11-24',
        demand: 4,
        accepted: 2,
        waitlisted: 2,
        turnedAwayShare: 0.5,
        placesTaken: 2,
        views: 1,
        viewsWhileFull: 1,
      }),
    ]);
    const byCampaign = (await (await t.api(`/v1/reports/capacity?${q}&groupBy=campaign`)).json()) as any;
    const launch = byCampaign.rows.find((r: any) => r.key === 'launch');
    const webinar = byCampaign.rows.find((r: any) => r.key === 'webinar');
    expect(launch).toMatchObject({ demand: 3, accepted: 2, waitlisted: 1, views: 1 });
    expect(webinar).toMatchObject({ demand: 1, accepted: 0, waitlisted: 1 });
  });

  it("answers another tenant's form like an unknown one", async () => {
    const t = await seedTenant(h);
    const other = await seedTenant(h, 'Other');
    const theirs = (await other.createForm()).id;
    expect((await t.api(`/v1/reports/capacity?formId=${theirs}`)).status).toBe(404);
    const theirPolicy = await seedCapacityPolicy(h.handle.db, other.tenantId, theirs, {
      limit: { count: 2, per: 'day' },
      whenFull: { action: 'closed' },
    });
    expect((await t.api(`/v1/reports/capacity?policyId=${theirPolicy}`)).status).toBe(404);
    expect((await t.api('/v1/reports/capacity')).status).toBe(400); // neither formId nor policyId
    expect((await t.api('/v1/reports/sla?groupBy=planet')).status).toBe(400);
  });
});
