/**
 * Retention feedback: cohorts of won customers, source quality scores computed by the scheduler
 * (daily and when revenue or churn is recorded), and the stored score as a routing condition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceScores } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness } from '../helpers/harness';
import { seedReps, seedTeam } from '../helpers/routing-seed';
import { tick } from '../helpers/webhooks';

describe.each(testDbKinds)('retention on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  it('shows cohorts and scores, recomputes after revenue, and routes low-quality sources to nurture', async () => {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const sales = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    const nurture = await seedTeam(h.handle.db, t.tenantId, 'Nurture');
    await seedReps(h.handle.db, t.tenantId, sales, [{ name: 'Ana' }]);
    await seedReps(h.handle.db, t.tenantId, nurture, [{ name: 'Nia' }]);
    const from = (source: string) => [
      {
        url: `https://www.example.com/?utm_source=${source}&utm_medium=cpc&utm_campaign=${source}_q2`,
        occurredAt: '2026-06-01T08:00:00Z',
      },
    ];
    const lead = async (source: string) =>
      (
        (await (
          await submit(h, formId, {
            values: { name: 'N', email: `${Math.random().toString(36).slice(2, 8)}@x.example` },
            touchpoints: from(source),
          })
        ).json()) as any
      ).leadId as string;
    const event = (id: string, body: unknown) => t.api(`/v1/leads/${id}/events`, { body });

    h.clock.set('2026-06-01T10:00:00Z');
    const [g1, g2, g3] = [await lead('google'), await lead('google'), await lead('google')];
    const [n1, _n2] = [await lead('newsletter'), await lead('newsletter')];
    h.clock.set('2026-06-10T10:00:00Z');
    await event(g1, { type: 'won', amount: 300, currency: 'USD' });
    await event(g2, { type: 'won', amount: 100, currency: 'USD' });
    await event(n1, { type: 'won', amount: 50, currency: 'USD' });
    h.clock.set('2026-07-20T10:00:00Z'); // g1 churns 40 days after winning
    await event(g1, { type: 'churned', reason: 'moved to a competitor' });
    await t.api('/v1/revenue', { body: { leadId: g2, kind: 'refund', amount: 20, currency: 'USD' } });

    const report = async () =>
      (await (await t.api('/v1/reports/retention?groupBy=source&from=2026-01-01T00:00:00Z')).json()) as any;
    expect((await report()).scores).toEqual([]); // nothing computed before the scheduler runs
    h.clock.set('2026-07-20T10:01:00Z');
    expect((await tick(h)).scored).toBeGreaterThanOrEqual(1);

    h.clock.set('2026-09-20T10:00:00Z'); // 102 days after winning: 30 and 90 days are decided, 180 not yet
    const r = await report();
    expect(r.cohorts).toEqual([
      { key: 'google', cohort: '2026-06', customers: 2, active30: 1, active90: 0.5, active180: null },
      { key: 'newsletter', cohort: '2026-06', customers: 1, active30: 1, active90: 1, active180: null },
    ]);
    // google: 300 + 100 − 20 refunded − 300 churned = 80 USD over 3 leads; newsletter: 50 over 2.
    expect(r.scores).toEqual([
      { key: 'google', currency: 'USD', leads: 3, net: 8000, score: 8000 / 3, computedAt: '2026-07-20T10:01:00.000Z' },
      { key: 'newsletter', currency: 'USD', leads: 2, net: 5000, score: 2500, computedAt: '2026-07-20T10:01:00.000Z' },
    ]);

    // Recorded revenue makes the scores due at the next tick (not a day later).
    await t.api('/v1/revenue', { body: { leadId: g3, kind: 'payment', amount: 100, currency: 'USD' } });
    h.clock.set('2026-09-20T10:01:00Z');
    await tick(h);
    const google = (await report()).scores.find((s: any) => s.key === 'google');
    expect(google).toMatchObject({ net: 18000, leads: 3, computedAt: '2026-09-20T10:01:00.000Z' });

    // Leads from sources scoring below 50 USD per lead go to nurture.
    const rule = await t.api('/v1/routing/rules', {
      body: {
        name: 'Low quality to nurture',
        condition: { field: 'quality.source', op: 'lt', value: 5000 },
        action: { teamId: nurture, strategy: 'round_robin' },
      },
    });
    expect(rule.status).toBe(201);
    await t.api('/v1/routing/rules', {
      body: { name: 'Everyone else', condition: { all: [] }, action: { teamId: sales, strategy: 'round_robin' } },
    });
    const fromNewsletter = await lead('newsletter');
    const fromGoogle = await lead('google');
    const fromNowhere = await lead('unknown');
    const teamOf = async (id: string) => ((await (await t.api(`/v1/leads/${id}`)).json()) as any).teamId;
    expect(await teamOf(fromNewsletter)).toBe(nurture);
    expect(await teamOf(fromGoogle)).toBe(sales);
    expect(await teamOf(fromNowhere)).toBe(sales); // no score stored: the condition does not hold
    expect((await t.api('/v1/reports/retention?groupBy=planet')).status).toBe(400);
  });

  it('holds back low-quality sources first when places are short, in the same atomic take', async () => {
    const t = await seedTenant(h, 'Gated');
    const formId = (await t.createForm()).id;
    const now = new Date('2026-10-05T10:00:00Z');
    h.clock.set(now);
    await h.handle.db.insert(sourceScores).values([
      {
        tenantId: t.tenantId,
        dimension: 'source',
        key: 'coupons',
        currency: 'USD',
        leads: 40,
        netMinor: 4000,
        score: 100,
        computedAt: now,
      },
      {
        tenantId: t.tenantId,
        dimension: 'source',
        key: 'google',
        currency: 'USD',
        leads: 40,
        netMinor: 400000,
        score: 10000,
        computedAt: now,
      },
    ]);
    const created = await t.api('/v1/capacity-policies', {
      body: {
        name: 'Three a day',
        formIds: [formId],
        policy: {
          limit: { count: 3, per: 'day' },
          whenFull: { action: 'waitlist' },
          holdBack: { belowScore: 500, reservedPlaces: 1 },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as any).policy.holdBack).toEqual({
      dimension: 'source',
      belowScore: 500,
      reservedPlaces: 1,
    });
    const send = async (source: string) => {
      const touchpoints = [{ url: `https://www.example.com/?utm_source=${source}`, occurredAt: now.toISOString() }];
      const res = await submit(h, formId, {
        values: { name: 'N', email: `${Math.random().toString(36).slice(2, 8)}@x.example` },
        touchpoints,
      });
      return ((await res.json()) as any).status as string;
    };
    // Two of the three places are open to every source; the last one only to sources scoring ≥ 500.
    expect([await send('coupons'), await send('coupons'), await send('coupons')]).toEqual([
      'accepted',
      'accepted',
      'waitlisted',
    ]);
    expect(await send('google')).toBe('accepted'); // the reserved place
    expect(await send('newcomer')).toBe('waitlisted'); // the window is full now
    h.clock.set('2026-10-06T10:00:00Z');
    expect(await send('newcomer')).toBe('accepted'); // a new day; no score stored, so not held back
  });
});
