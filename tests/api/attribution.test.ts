/**
 * The attribution report: computed by SQL on the database, it agrees with the pure models of
 * domain/attribution.ts on the same journeys and ledger, for every model and grouping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, revenueEvents, touchpoints } from '../../api/src/db/schema';
import { ATTRIBUTION_MODELS, creditJourney, type AttributionModel } from '../../api/src/domain/attribution';
import { newId } from '../../api/src/domain/ids';
import { ledgerColumn, type RevenueKind } from '../../api/src/domain/revenue';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

const CHANNELS = ['paid_search', 'organic_search', 'email', 'social', 'referral'] as const;
const CAMPAIGNS = ['launch', 'webinar', null] as const;
const GROUPS = { channel: 'channel', campaign: 'campaign' } as const;

/** A small deterministic generator (mulberry32): the same data on both databases and every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedLead {
  id: string;
  createdAt: Date;
  won: boolean;
  qualified: boolean;
  currency: string | null;
  touches: { occurredAt: Date; channel: string; campaign: string | null; position: number }[];
  ledger: { kind: RevenueKind; amountMinor: number; currency: string }[];
}

describe.each(testDbKinds)('attribution report on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  const seeded: SeedLead[] = [];
  const from = new Date('2026-10-01T00:00:00Z');

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const random = rng(13);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let n = 0; n < 80; n++) {
      const createdAt = new Date(from.getTime() + Math.floor(random() * 50 * 86_400_000));
      const touchCount = Math.floor(random() * 7);
      const touches = Array.from({ length: touchCount }, (_, position) => ({
        // Mostly before the conversion, some after (those are excluded).
        occurredAt: new Date(createdAt.getTime() - Math.floor((random() * 40 - 4) * 86_400_000)),
        channel: pick(CHANNELS),
        campaign: pick(CAMPAIGNS),
        position,
      }));
      const won = random() < 0.5;
      const currency = won ? pick(['USD', 'JPY', 'KWD']) : null;
      const ledger: SeedLead['ledger'] = [];
      if (won) {
        ledger.push({ kind: 'deal', amountMinor: Math.floor(random() * 1_000_000), currency: currency! });
        if (random() < 0.5)
          ledger.push({ kind: 'payment', amountMinor: Math.floor(random() * 50_000), currency: currency! });
        if (random() < 0.3)
          ledger.push({ kind: 'refund', amountMinor: Math.floor(random() * 9_999), currency: currency! });
        if (random() < 0.3)
          ledger.push({ kind: 'churn', amountMinor: Math.floor(random() * 77_777), currency: currency! });
      }
      seeded.push({
        id: newId('lead', createdAt),
        createdAt,
        won,
        qualified: random() < 0.4,
        currency,
        touches,
        ledger,
      });
    }
    const db = h.handle.db;
    await db.insert(leads).values(
      seeded.map((l) => ({
        id: l.id,
        tenantId: t.tenantId,
        formId,
        values: {},
        createdAt: l.createdAt,
        updatedAt: l.createdAt,
        status: l.won ? ('won' as const) : ('open' as const),
        stage: l.won ? 'won' : l.qualified ? 'qualified' : 'new',
        currency: l.currency,
        wonAmountMinor: l.ledger.find((e) => e.kind === 'deal')?.amountMinor ?? null,
      })),
    );
    const tps = seeded.flatMap((l) =>
      l.touches.map((tp) => ({
        id: newId('touchpoint', l.createdAt),
        tenantId: t.tenantId,
        leadId: l.id,
        formId,
        ...tp,
      })),
    );
    await db.insert(touchpoints).values(tps as never);
    const ledger = seeded.flatMap((l) =>
      l.ledger.map((e) => ({
        id: newId('revenue'),
        tenantId: t.tenantId,
        leadId: l.id,
        occurredAt: l.createdAt,
        origin: 'api',
        ...e,
      })),
    );
    await db.insert(revenueEvents).values(ledger);
  });
  afterAll(() => h.close());

  /** The same report from the pure functions. */
  function expected(model: AttributionModel, group: keyof typeof GROUPS, halfLifeDays: number) {
    const out = new Map<
      string,
      {
        key: string;
        currency: string | null;
        leads: number;
        qualified: number;
        won: number;
        revenue: number;
        refunds: number;
        churned: number;
      }
    >();
    const row = (key: string, currency: string | null) => {
      const k = `${key}|${currency}`;
      if (!out.has(k))
        out.set(k, { key, currency, leads: 0, qualified: 0, won: 0, revenue: 0, refunds: 0, churned: 0 });
      return out.get(k)!;
    };
    for (const l of seeded) {
      const journey = [...l.touches].sort((a, b) => a.position - b.position);
      const byCurrency = new Map<string, Record<string, number>>();
      for (const e of l.ledger) {
        const m = byCurrency.get(e.currency) ?? { revenue: 0, refunds: 0, churned: 0 };
        m[ledgerColumn(e.kind)]! += e.amountMinor;
        byCurrency.set(e.currency, m);
      }
      let credits = creditJourney(model, journey, l.createdAt, {}, halfLifeDays).map((c) => ({
        key: c.touch[GROUPS[group]] ?? '(none)',
        share: c.share,
        i: c,
      }));
      const none = credits.length === 0;
      if (none) credits = [{ key: '(none)', share: 1, i: null as never }];
      for (const c of credits) {
        const r = row(c.key, l.currency);
        r.leads += c.share;
        if (l.qualified || l.won) r.qualified += c.share;
        if (l.won) r.won += c.share;
      }
      for (const [currency, money] of byCurrency) {
        const split = none
          ? [{ key: '(none)', money }]
          : creditJourney(model, journey, l.createdAt, money, halfLifeDays).map((c) => ({
              key: c.touch[GROUPS[group]] ?? '(none)',
              money: c.money,
            }));
        for (const s of split) {
          const r = row(s.key, currency);
          r.revenue += s.money.revenue!;
          r.refunds += s.money.refunds!;
          r.churned += s.money.churned!;
        }
      }
    }
    return [...out.values()];
  }

  it.each(ATTRIBUTION_MODELS)('agrees with the pure %s model, money to the minor unit', async (model) => {
    for (const group of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
      const halfLifeDays = 5;
      const res = await t.api(
        `/v1/reports/attribution?model=${model}&groupBy=${group}&halfLifeDays=${halfLifeDays}&from=${from.toISOString()}&to=2026-12-01T00:00:00Z`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body).toMatchObject({ model, groupBy: group, from: from.toISOString() });
      const want = expected(model, group, halfLifeDays);
      const key = (r: { key: string; currency: string | null }) => `${r.key}|${r.currency}`;
      const got = new Map<string, any>(body.data.map((r: any) => [key(r), r]));
      expect([...got.keys()].sort()).toEqual(want.map(key).sort());
      for (const w of want) {
        const g = got.get(key(w));
        expect(
          { revenue: g.revenue, refunds: g.refunds, churned: g.churned, net: g.net },
          `${model} ${group} ${key(w)}`,
        ).toEqual({
          revenue: w.revenue,
          refunds: w.refunds,
          churned: w.churned,
          net: w.revenue - w.refunds,
        });
        expect(g.leads).toBeCloseTo(w.leads, 5);
        expect(g.qualified).toBeCloseTo(w.qualified, 5);
        expect(g.won).toBeCloseTo(w.won, 5);
      }
      // Money is conserved across the groups: the ledger's totals per currency.
      const total = (cur: string) =>
        seeded
          .flatMap((l) => l.ledger)
          .filter((e) => e.currency === cur && ledgerColumn(e.kind) === 'revenue')
          .reduce((a, e) => a + e.amountMinor, 0);
      for (const cur of ['USD', 'JPY', 'KWD'])
        expect(body.data.filter((r: any) => r.currency === cur).reduce((a: number, r: any) => a + r.revenue, 0)).toBe(
          total(cur),
        );
      expect(body.data.reduce((a: number, r: any) => a + r.leads, 0)).toBeCloseTo(seeded.length, 5);
    }
  });

  it('credits touches a real submission stored, and refuses unknown models and groups', async () => {
    const other = await seedTenant(h, 'Solo');
    const formId = (await other.createForm()).id;
    h.clock.set('2026-11-20T12:00:00Z');
    const touchpoints = [
      {
        url: 'https://www.example.com/?utm_source=google&utm_medium=cpc&utm_campaign=launch&gclid=abc',
        occurredAt: '2026-11-10T09:00:00Z',
      },
      {
        url: 'https://www.example.com/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=nov',
        occurredAt: '2026-11-19T09:00:00Z',
      },
    ];
    const leadId = (
      (await (await submit(h, formId, { values: { name: 'A', email: 'a@x.example' }, touchpoints })).json()) as any
    ).leadId;
    await other.api(`/v1/leads/${leadId}/events`, { body: { type: 'won', amount: 99.99, currency: 'USD' } });
    const q = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z';
    const pb = (await (
      await other.api(`/v1/reports/attribution?model=position_based&groupBy=campaign&${q}`)
    ).json()) as any;
    expect(pb.data).toEqual([
      {
        key: 'launch',
        currency: 'USD',
        leads: 0.5,
        qualified: 0.5,
        won: 0.5,
        revenue: 5000,
        refunds: 0,
        churned: 0,
        net: 5000,
      },
      {
        key: 'nov',
        currency: 'USD',
        leads: 0.5,
        qualified: 0.5,
        won: 0.5,
        revenue: 4999,
        refunds: 0,
        churned: 0,
        net: 4999,
      },
    ]);
    expect((await other.api(`/v1/reports/attribution?model=magic&${q}`)).status).toBe(400);
    expect((await other.api(`/v1/reports/attribution?groupBy=planet&${q}`)).status).toBe(400);
    // Another tenant's leads are not in this one's report.
    expect(
      ((await (await t.api(`/v1/reports/attribution?groupBy=campaign&${q}`)).json()) as any).data.map(
        (r: any) => r.key,
      ),
    ).not.toContain('nov');
  });
});
