/**
 * The growth reports at scale on PostgreSQL 15: 100,000 leads, 1,000,000 touchpoints (ten a lead,
 * one of them after the conversion) and 20,000 revenue events, bulk-loaded with generate_series.
 * The attribution report under each model and the retention report, each beside a plain GROUP BY
 * scan of the same rows in the same run (goal: under 1 s and within 3× of the scan); then the
 * scheduler's stall check over 1,000,000 open leads with 1% stalled, as the SLA sweep is measured.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../api/src/db/database';
import { migrate } from '../api/src/db/migrate';
import { openPostgres } from '../api/src/db/postgres';
import { attributionReport } from '../api/src/db/queries/attribution-report';
import { insertForm } from '../api/src/db/queries/forms';
import { retentionCohorts } from '../api/src/db/queries/retention-report';
import { createTenant } from '../api/src/db/queries/tenants';
import { ATTRIBUTION_MODELS } from '../api/src/domain/attribution';
import { checkStalls } from '../api/src/jobs/stall-check';
import { startPgCluster } from '../tests/helpers/pg-cluster';
import type { BenchReport } from './lib';

const LEADS = Number(process.env.BENCH_ATTRIBUTION_LEADS ?? 100_000);
const STALL_LEADS = Number(process.env.BENCH_STALL_LEADS ?? 1_000_000);
const RUNS = 3;
const NOW = new Date('2026-11-24T12:00:00Z');
const YEAR_AGO = new Date(NOW.getTime() - 365 * 86_400_000);

/**
 * Leads over the past year (one in five won, one in 25 of those churned, with their events and a
 * stage move for one in four), ten touches each, 20,000 ledger rows (deals, payments, refunds, churn).
 */
export async function loadGrowthData(db: Database, tenantId: string, formId: string, n: number) {
  const now = NOW.toISOString();
  await db.execute(sql`
    INSERT INTO leads (id, tenant_id, form_id, values, status, intake, email, first_channel, first_touch, stage,
      won_amount_minor, currency, closed_at, created_at, updated_at)
    SELECT 'lead_' || lpad(i::text, 26, '0'), ${tenantId}, ${formId}, '{}'::jsonb,
      CASE WHEN i % 125 = 0 THEN 'churned' WHEN i % 5 = 0 THEN 'won' WHEN i % 7 = 0 THEN 'lost' ELSE 'open' END,
      'accepted', 'l' || i || '@bench.example', (ARRAY['paid_search','organic_search','email','referral','direct'])[1 + i % 5],
      jsonb_build_object('source', 'src' || (i % 40), 'campaign', 'cmp' || (i % 200)),
      CASE WHEN i % 5 = 0 THEN 'won' WHEN i % 4 = 0 THEN 'qualified' ELSE 'new' END,
      CASE WHEN i % 5 = 0 THEN 10000 + (i % 17) * 100 END, CASE WHEN i % 5 = 0 THEN 'USD' END,
      CASE WHEN i % 5 = 0 OR i % 7 = 0 THEN ${now}::timestamptz - ((i % 300) || ' days')::interval + interval '3 days' END,
      ${now}::timestamptz - ((i % 300) || ' days')::interval, ${now}::timestamptz
    FROM generate_series(1, ${n}) AS i`);
  await db.execute(sql`
    INSERT INTO touchpoints (id, tenant_id, lead_id, position, occurred_at, channel, source, medium, campaign, landing_page)
    SELECT 'tp_' || lpad((i * 10 + p)::text, 26, '0'), ${tenantId}, 'lead_' || lpad(i::text, 26, '0'), p,
      -- nine touches before the lead, the tenth an hour after it (excluded by every model)
      ${now}::timestamptz - ((i % 300) || ' days')::interval + (p - 9) * interval '1 hour',
      (ARRAY['paid_search','organic_search','email','referral','direct','paid_social'])[1 + (i + p) % 6],
      'src' || ((i + p) % 40), (ARRAY['cpc','organic','email','referral'])[1 + (i + p) % 4],
      'cmp' || ((i * 3 + p) % 200), '/landing/' || ((i + p) % 50)
    FROM generate_series(1, ${n}) AS i, generate_series(0, 9) AS p`);
  // One ledger row per won lead: 20,000 at 100,000 leads.
  await db.execute(sql`
    INSERT INTO revenue_events (id, tenant_id, lead_id, kind, amount_minor, currency, occurred_at, origin, created_at)
    SELECT 'rev_' || lpad(i::text, 26, '0'), ${tenantId}, 'lead_' || lpad(i::text, 26, '0'),
      CASE WHEN i % 125 = 0 THEN 'churn' WHEN i % 100 = 0 THEN 'refund' WHEN i % 10 = 0 THEN 'payment' ELSE 'deal' END,
      10000 + (i % 17) * 100, 'USD', ${now}::timestamptz - ((i % 300) || ' days')::interval + interval '3 days', 'api', ${now}::timestamptz
    FROM generate_series(5, ${n}, 5) AS i`);
  await db.execute(sql`
    INSERT INTO lead_events (id, tenant_id, lead_id, type, data, actor, occurred_at)
    SELECT 'evt_' || lpad(i::text, 26, '0'), ${tenantId}, 'lead_' || lpad(i::text, 26, '0'),
      CASE WHEN i % 125 = 0 THEN 'lead.churned' ELSE 'lead.stage_changed' END,
      CASE WHEN i % 125 = 0 THEN '{}'::jsonb ELSE '{"stage":"qualified"}'::jsonb END,
      'bench', ${now}::timestamptz - ((i % 300) || ' days')::interval + interval '40 days'
    FROM generate_series(1, ${n}) AS i WHERE i % 4 = 0 OR i % 125 = 0`);
  await db.execute(sql`ANALYZE`);
}

async function best(fn: () => Promise<unknown>): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return Math.round(min);
}

/** The same rows as the attribution report reads, summed by a plain GROUP BY: the floor to compare with. */
const attributionScan = (db: Database, tenantId: string) =>
  db.execute(sql`
    with l as (select id from leads where tenant_id = ${tenantId} and created_at >= ${YEAR_AGO.toISOString()}::timestamptz
      and created_at < ${NOW.toISOString()}::timestamptz and status <> 'spam')
    select 't' as part, tp.channel as key, count(*) as n, null::numeric as amount
      from touchpoints tp join l on l.id = tp.lead_id where tp.tenant_id = ${tenantId} group by 2
    union all
    select 'r', r.currency, count(*), sum(r.amount_minor) from revenue_events r join l on l.id = r.lead_id
      where r.tenant_id = ${tenantId} group by 2`);

const retentionScan = (db: Database, tenantId: string) =>
  db.execute(sql`
    select l.first_touch->>'source', date_trunc('month', l.closed_at), count(*), count(e.id)
    from leads l left join lead_events e on e.tenant_id = l.tenant_id and e.lead_id = l.id and e.type = 'lead.churned'
    where l.tenant_id = ${tenantId} and l.status in ('won', 'churned') and l.closed_at >= ${YEAR_AGO.toISOString()}::timestamptz
    group by 1, 2`);

async function reportsAtScale(): Promise<BenchReport> {
  const cluster = await startPgCluster({ maxConnections: 50 });
  const handle = openPostgres(cluster.url, { max: 4 });
  try {
    await migrate(handle);
    const db = handle.db;
    const { tenantId } = await createTenant(db, { name: 'Growth bench' }, NOW);
    const form = await insertForm(db, tenantId, { name: 'F', fields: [], allowedOrigins: [] }, NOW);
    const t0 = performance.now();
    await loadGrowthData(db, tenantId, form.id, LEADS);
    const loadS = ((performance.now() - t0) / 1000).toFixed(1);

    const scan = await best(() => attributionScan(db, tenantId));
    const rows: Record<string, string | number>[] = [];
    const row = (report: string, ms: number, base: number) =>
      rows.push({
        report,
        'ms (best of 3)': ms,
        'GROUP BY scan (ms)': base,
        'vs scan': Math.round((ms / base) * 10) / 10,
      });
    for (const model of ATTRIBUTION_MODELS) {
      const q = { tenantId, model, groupBy: 'channel' as const, halfLifeDays: 7, from: YEAR_AGO, to: NOW };
      row(`attribution ${model} by channel`, await best(() => attributionReport(db, q)), scan);
    }
    const campaign = {
      tenantId,
      model: 'linear' as const,
      groupBy: 'campaign' as const,
      halfLifeDays: 7,
      from: YEAR_AGO,
      to: NOW,
    };
    row('attribution linear by campaign', await best(() => attributionReport(db, campaign)), scan);
    const retScan = await best(() => retentionScan(db, tenantId));
    for (const groupBy of ['source', 'channel'] as const) {
      const q = { tenantId, groupBy, timeZone: 'UTC', from: YEAR_AGO, to: NOW, now: NOW };
      row(`retention by ${groupBy}`, await best(() => retentionCohorts(db, q)), retScan);
    }
    return {
      title: `Growth reports on ${LEADS.toLocaleString('en')} leads, ${(LEADS * 10).toLocaleString('en')} touchpoints, ${(LEADS / 5).toLocaleString('en')} revenue events (PostgreSQL 15; goal < 1 s and ≤ 3× the scan)`,
      rows,
      notes: [
        `Bulk load with generate_series: ${loadS} s.`,
        'The scan: the same leads, touchpoints and ledger rows summed by GROUP BY.',
      ],
    };
  } finally {
    await handle.close();
    cluster.stop();
  }
}

async function stallCheckAtScale(): Promise<BenchReport> {
  const cluster = await startPgCluster({ maxConnections: 50 });
  const handle = openPostgres(cluster.url, { max: 4 });
  try {
    await migrate(handle);
    const db = handle.db;
    const { tenantId } = await createTenant(db, { name: 'Stall bench' }, NOW);
    const form = await insertForm(db, tenantId, { name: 'F', fields: [], allowedOrigins: [] }, NOW);
    const stalled = Math.floor(STALL_LEADS / 100);
    // Every open lead sits in "qualified" with a stall check time; 1% of them are past it.
    await db.execute(sql`
      INSERT INTO leads (id, tenant_id, form_id, values, status, intake, stage, stage_entered_at, stall_check_at, created_at, updated_at)
      SELECT 'lead_' || lpad(i::text, 26, '0'), ${tenantId}, ${form.id}, '{}'::jsonb, 'open', 'accepted', 'qualified',
        ${NOW.toISOString()}::timestamptz - interval '20 days',
        CASE WHEN i % 100 = 0 THEN ${NOW.toISOString()}::timestamptz - interval '1 minute' ELSE ${NOW.toISOString()}::timestamptz + interval '5 days' END,
        ${NOW.toISOString()}::timestamptz - interval '20 days', ${NOW.toISOString()}::timestamptz
      FROM generate_series(1, ${STALL_LEADS}) AS i`);
    await db.execute(sql`ANALYZE leads`);
    const t0 = performance.now();
    const out = await checkStalls(db, NOW);
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const again = await checkStalls(db, NOW);
    const idleMs = performance.now() - t1;
    return {
      title: `Stall check over ${STALL_LEADS.toLocaleString('en')} open leads, 1% stalled (PostgreSQL 15)`,
      rows: [
        {
          'open leads': STALL_LEADS,
          stalled: out.stalled,
          'check (ms)': Math.round(ms),
          'ms per stalled lead': Math.round((ms / Math.max(1, out.stalled)) * 1000) / 1000,
          'next check, none due (ms)': Math.round(idleMs * 10) / 10,
          'flagged twice': again.stalled,
        },
      ],
      notes: [
        `${stalled} leads past their stall limit: each gets lead.stalled (event + outbox) once, in batches of 500 per transaction.`,
      ],
    };
  } finally {
    await handle.close();
    cluster.stop();
  }
}

export async function run(): Promise<BenchReport[]> {
  return [await reportsAtScale(), await stallCheckAtScale()];
}
