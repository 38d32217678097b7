/**
 * SLA sweep cost as open leads grow (1k, 10k, 100k, 1M open leads on PostgreSQL 15). The sweep reads
 * only leads whose next check is due (a partial index on sla_next_check_at, claimed FOR UPDATE SKIP
 * LOCKED), so its cost must follow the due leads, not all open ones. Two measures per size:
 *  - 10 leads due among N: the whole sweep (claim, breach, events, outbox) — goal t(1M) / t(1k) ≤ 2;
 *  - 1% of N due: time per due lead.
 */
import { sql } from 'drizzle-orm';
import { migrate } from '../api/src/db/migrate';
import { openPostgres } from '../api/src/db/postgres';
import { insertForm } from '../api/src/db/queries/forms';
import { createTenant } from '../api/src/db/queries/tenants';
import { sweepSla } from '../api/src/jobs/sla-sweep';
import { startPgCluster } from '../tests/helpers/pg-cluster';
import type { BenchReport } from './lib';

const SIZES = (process.env.BENCH_SLA_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const NOW = new Date('2026-11-24T12:00:00Z');

export async function run(): Promise<BenchReport> {
  const cluster = await startPgCluster({ maxConnections: 50 });
  const handle = openPostgres(cluster.url, { max: 4 });
  try {
    await migrate(handle);
    const db = handle.db;
    const { tenantId } = await createTenant(db, { name: 'Sweep bench' }, NOW);
    const form = await insertForm(
      db,
      tenantId,
      { name: 'F', fields: [{ key: 'email', label: 'Email', type: 'email', required: true }], allowedOrigins: [] },
      NOW,
    );

    /** N open leads with running clocks; `due` of them (spread through the table) are past due. */
    const fill = async (n: number, due: number) => {
      await db.execute(sql`TRUNCATE leads, lead_events, outbox CASCADE`);
      const every = Math.max(1, Math.floor(n / Math.max(due, 1)));
      await db.execute(sql`
        INSERT INTO leads (id, tenant_id, form_id, values, status, sla_state, sla_phase, sla_due_at, sla_next_check_at, created_at, updated_at)
        SELECT 'lead_' || lpad(i::text, 26, '0'), ${tenantId}, ${form.id}, '{}'::jsonb, 'open', 'running', 'first_response',
               CASE WHEN i % ${every} = 0 AND i / ${every} <= ${due} THEN ${NOW.toISOString()}::timestamptz - interval '1 minute' ELSE ${NOW.toISOString()}::timestamptz + interval '1 day' END,
               CASE WHEN i % ${every} = 0 AND i / ${every} <= ${due} THEN ${NOW.toISOString()}::timestamptz - interval '1 minute' ELSE ${NOW.toISOString()}::timestamptz + interval '1 day' END,
               ${NOW.toISOString()}::timestamptz - interval '2 hours', ${NOW.toISOString()}::timestamptz
        FROM generate_series(1, ${n}) AS i`);
      await db.execute(sql`ANALYZE leads`);
    };
    const timeSweep = async () => {
      const t0 = performance.now();
      const r = await sweepSla(db, NOW);
      return { ms: performance.now() - t0, breached: r.breached };
    };

    const rows: Record<string, string | number>[] = [];
    let base10 = 0;
    let basePer = 0;
    for (const n of SIZES) {
      await fill(n, 10);
      const fixed = await timeSweep();
      const onePercent = Math.max(1, Math.floor(n / 100));
      await fill(n, onePercent);
      const pct = await timeSweep();
      const per = pct.ms / pct.breached;
      base10 ||= fixed.ms;
      basePer ||= per;
      rows.push({
        'open leads': n,
        'sweep, 10 due (ms)': fixed.ms,
        'vs 1k': Math.round((fixed.ms / base10) * 100) / 100,
        '1% due': pct.breached,
        'sweep, 1% due (ms)': Math.round(pct.ms),
        'ms per due lead': Math.round(per * 1000) / 1000,
        'per-lead vs 1k': Math.round((per / basePer) * 100) / 100,
      });
    }
    return {
      title: 'SLA sweep as open leads grow (PostgreSQL 15; goal: t(1M) / t(1k) ≤ 2)',
      rows,
      notes: [
        'Each due lead is breached and escalated: state, lead.sla_breached event and outbox row, in one transaction per batch of 200.',
      ],
    };
  } finally {
    await handle.close();
    cluster.stop();
  }
}
