/**
 * Retention cohorts: won customers by the month they were won (workspace time zone), per first-touch
 * source, campaign or channel, and the share still active 30, 90 and 180 days after winning, over the
 * customers won at least that long ago (domain/retention.ts activeShare, in SQL).
 */
import { sql, type SQL } from 'drizzle-orm';
import { RETENTION_DAYS, type ScoreDimension } from '../../domain/retention';
import type { Database } from '../database';
import { rawRows } from './raw';
import { reportTransaction } from './report-settings';

export interface CohortRow {
  key: string;
  cohort: string;
  customers: number;
  active30: number | null;
  active90: number | null;
  active180: number | null;
}

export function dimensionKey(d: ScoreDimension): SQL {
  switch (d) {
    case 'source':
      return sql`coalesce(l.first_touch->>'source', '(none)')`;
    case 'campaign':
      return sql`coalesce(l.first_touch->>'campaign', '(none)')`;
    case 'channel':
      return sql`coalesce(l.first_channel, 'direct')`;
  }
}

export async function retentionCohorts(
  db: Database,
  q: { tenantId: string; groupBy: ScoreDimension; timeZone: string; from: Date; to: Date; now: Date },
) {
  const now = sql`${q.now.toISOString()}::timestamptz`;
  const horizons = RETENTION_DAYS.map(
    (
      d,
    ) => sql`count(*) filter (where won_at + make_interval(days => ${d}) <= ${now})::int as mature_${sql.raw(String(d))},
      count(*) filter (where won_at + make_interval(days => ${d}) <= ${now}
        and (churned_at is null or churned_at > won_at + make_interval(days => ${d})))::int as active_${sql.raw(String(d))}`,
  );
  const rows = await reportTransaction(db, (tx) =>
    rawRows<Record<string, string | number>>(
      tx,
      sql`
    with c as (
      select ${dimensionKey(q.groupBy)} as key, l.closed_at as won_at, ch.churned_at
      from leads l
      -- churn dates from one grouped pass over the events, not a lookup per customer
      left join (select lead_id, min(occurred_at) as churned_at from lead_events
        where tenant_id = ${q.tenantId} and type = 'lead.churned' group by 1) ch on ch.lead_id = l.id
      where l.tenant_id = ${q.tenantId} and l.status in ('won', 'churned') and l.closed_at is not null
        and l.closed_at >= ${q.from.toISOString()}::timestamptz and l.closed_at < ${q.to.toISOString()}::timestamptz
    )
    select key, to_char(date_trunc('month', won_at at time zone ${q.timeZone}), 'YYYY-MM') as cohort, count(*)::int as customers,
      ${sql.join(horizons, sql`, `)}
    from c group by 1, 2 order by 1, 2`,
    ),
  );
  const share = (r: Record<string, string | number>, d: number) =>
    Number(r[`mature_${d}`]) === 0 ? null : Number(r[`active_${d}`]) / Number(r[`mature_${d}`]);
  return rows.map(
    (r): CohortRow => ({
      key: String(r.key),
      cohort: String(r.cohort),
      customers: Number(r.customers),
      active30: share(r, 30),
      active90: share(r, 90),
      active180: share(r, 180),
    }),
  );
}
