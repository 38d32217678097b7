/**
 * The attribution report in one SQL statement: each lead created in the range is a conversion, its
 * journey the touches stored with it up to its creation; the model's integer weights
 * (domain/attribution.ts, the same rules) split the lead's count and each money column of its
 * ledger, money with the largest remainder (ties to the earlier touch) so it adds up exactly.
 * A lead with no touch is credited to the key `(none)`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { DECAY_SCALE, type AttributionModel } from '../../domain/attribution';
import type { Database } from '../database';
import { rawRows } from './raw';

export const ATTRIBUTION_GROUPS = ['channel', 'source', 'medium', 'campaign', 'landing_page'] as const;
export type AttributionGroup = (typeof ATTRIBUTION_GROUPS)[number];

export interface AttributionRow {
  key: string;
  currency: string | null;
  leads: number;
  qualified: number;
  won: number;
  revenue: number;
  refunds: number;
  churned: number;
  net: number;
}

export interface AttributionQuery {
  tenantId: string;
  model: AttributionModel;
  groupBy: AttributionGroup;
  halfLifeDays: number;
  from: Date;
  to: Date;
}

const NONE = '(none)';

/**
 * The leads of the range with their currency, whether they were won, and whether they were qualified:
 * reached a stage the workspace marks so (now or by a recorded move), or won.
 */
export function convertedLeads(tenantId: string, from: Date, to: Date): SQL {
  return sql`
    select l.id, l.created_at, l.status in ('won', 'churned') as won,
      coalesce(l.currency, (select min(r.currency) from revenue_events r where r.tenant_id = l.tenant_id and r.lead_id = l.id)) as currency,
      (l.status in ('won', 'churned')
        or exists (select 1 from pipeline_stages s where s.tenant_id = l.tenant_id and s.key = l.stage and s.counts_as_qualified)
        or exists (select 1 from lead_events e join pipeline_stages s on s.tenant_id = e.tenant_id and s.key = e.data->>'stage'
          where e.tenant_id = l.tenant_id and e.lead_id = l.id and e.type = 'lead.stage_changed' and s.counts_as_qualified)) as qualified
    from leads l
    where l.tenant_id = ${tenantId} and l.created_at >= ${from.toISOString()}::timestamptz
      and l.created_at < ${to.toISOString()}::timestamptz and l.status <> 'spam'`;
}

function weight(model: AttributionModel, halfLifeDays: number): SQL {
  switch (model) {
    case 'first_touch':
      return sql`(i = 1)::int`;
    case 'last_touch':
      return sql`(i = n)::int`;
    case 'linear':
      return sql`1`;
    case 'position_based':
      return sql`case when n <= 2 then 1 when i = 1 or i = n then 40 * (n - 2) else 20 end`;
    case 'time_decay':
      // floor(x + 0.5) as domain/attribution.ts decayWeight: round() of a double rounds half to even.
      return sql`greatest(1, floor(${DECAY_SCALE}::float8 * power(2::float8, -age_ms / (${halfLifeDays}::float8 * 86400000)) + 0.5))`;
  }
}

export async function attributionReport(db: Database, q: AttributionQuery): Promise<AttributionRow[]> {
  const key = sql.raw(`tp.${q.groupBy}`);
  const rows = await rawRows<Record<string, string | number | null>>(
    db,
    sql`
    with l as (${convertedLeads(q.tenantId, q.from, q.to)}),
    t as (
      select tp.lead_id, coalesce(${key}, ${NONE}) as key,
        row_number() over (partition by tp.lead_id order by tp.position, tp.id) as i,
        count(*) over (partition by tp.lead_id) as n,
        (extract(epoch from (l.created_at - tp.occurred_at)) * 1000)::float8 as age_ms
      from touchpoints tp join l on l.id = tp.lead_id
      where tp.tenant_id = ${q.tenantId} and tp.occurred_at <= l.created_at
    ),
    w as (
      select lead_id, key, i, (${weight(q.model, q.halfLifeDays)})::bigint as w from t
      union all
      select l.id, ${NONE}, 1, 1 from l where not exists (select 1 from t where t.lead_id = l.id)
    ),
    wt as (select lead_id, key, i, w, sum(w) over (partition by lead_id) as total from w),
    counts as (
      select wt.key, l.currency, sum(wt.w::float8 / wt.total) as leads,
        sum(case when l.qualified then wt.w::float8 / wt.total else 0 end) as qualified,
        sum(case when l.won then wt.w::float8 / wt.total else 0 end) as won
      from wt join l on l.id = wt.lead_id group by 1, 2
    ),
    money as (
      select r.lead_id, r.currency,
        case r.kind when 'refund' then 'refunds' when 'churn' then 'churned' else 'revenue' end as col, sum(r.amount_minor)::numeric as amount
      from revenue_events r join l on l.id = r.lead_id where r.tenant_id = ${q.tenantId} group by 1, 2, 3
    ),
    split as (
      select m.currency, m.col, wt.key, wt.i, m.lead_id, m.amount,
        div(m.amount * wt.w, wt.total) as part, mod(m.amount * wt.w, wt.total) as rest
      from money m join wt on wt.lead_id = m.lead_id
    ),
    ranked as (
      select key, currency, col, part,
        row_number() over (partition by lead_id, currency, col order by rest desc, i) as place,
        amount - sum(part) over (partition by lead_id, currency, col) as left_over
      from split
    ),
    credited as (
      select key, currency,
        sum(part + (place <= left_over)::int) filter (where col = 'revenue') as revenue,
        sum(part + (place <= left_over)::int) filter (where col = 'refunds') as refunds,
        sum(part + (place <= left_over)::int) filter (where col = 'churned') as churned
      from ranked group by 1, 2
    )
    select coalesce(c.key, m.key) as key, coalesce(c.currency, m.currency) as currency,
      coalesce(c.leads, 0) as leads, coalesce(c.qualified, 0) as qualified, coalesce(c.won, 0) as won,
      coalesce(m.revenue, 0)::text as revenue, coalesce(m.refunds, 0)::text as refunds, coalesce(m.churned, 0)::text as churned
    from counts c full join credited m on m.key = c.key and m.currency is not distinct from c.currency
    order by 1, 2 nulls first`,
  );
  return rows.map((r) => {
    const revenue = Number(r.revenue);
    const refunds = Number(r.refunds);
    return {
      key: String(r.key),
      currency: r.currency === null ? null : String(r.currency),
      leads: round6(Number(r.leads)),
      qualified: round6(Number(r.qualified)),
      won: round6(Number(r.won)),
      revenue,
      refunds,
      churned: Number(r.churned),
      net: revenue - refunds,
    };
  });
}

/** Credited counts are shares (a third of a lead); six decimals are plenty and keep float dust out. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
