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
import { reportTransaction } from './report-settings';

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
  // The ledger's currency per lead from one pass over the ledger (a hash join), not a lookup per lead.
  return sql`
    select l.id, l.created_at, l.status in ('won', 'churned') as won,
      coalesce(l.currency, rc.currency) as currency, rc.lead_id is not null as has_money,
      (l.status in ('won', 'churned')
        or exists (select 1 from pipeline_stages s where s.tenant_id = l.tenant_id and s.key = l.stage and s.counts_as_qualified)
        or exists (select 1 from lead_events e join pipeline_stages s on s.tenant_id = e.tenant_id and s.key = e.data->>'stage'
          where e.tenant_id = l.tenant_id and e.lead_id = l.id and e.type = 'lead.stage_changed' and s.counts_as_qualified)) as qualified
    from leads l
    left join (select lead_id, min(currency) as currency from revenue_events where tenant_id = ${tenantId} group by 1) rc
      on rc.lead_id = l.id
    where l.tenant_id = ${tenantId} and l.created_at >= ${from.toISOString()}::timestamptz
      and l.created_at < ${to.toISOString()}::timestamptz and l.status <> 'spam'`;
}

/**
 * A touch's integer weight (domain/attribution.ts `weights`), from its lead's aggregates: the first and
 * last touch are the ones whose order key (position, then id) is the lead's least and greatest.
 */
function weight(model: AttributionModel, halfLifeDays: number): SQL {
  switch (model) {
    case 'first_touch':
      return sql`(j.ord = per.first_ord)::int`;
    case 'last_touch':
      return sql`(j.ord = per.last_ord)::int`;
    case 'linear':
      return sql`1`;
    case 'position_based':
      return sql`case when per.n <= 2 then 1 when j.ord = per.first_ord or j.ord = per.last_ord then 40 * (per.n - 2) else 20 end`;
    case 'time_decay':
      return decay(halfLifeDays);
  }
}

// floor(x + 0.5) as domain/attribution.ts decayWeight: round() of a double rounds half to even.
const decay = (halfLifeDays: number) =>
  sql`greatest(1, floor(${DECAY_SCALE}::float8 * power(2::float8, -j.age_ms / (${halfLifeDays}::float8 * 86400000)) + 0.5))`;

/** The sum of a journey's weights, from the lead's aggregates alone. */
function total(model: AttributionModel): SQL {
  switch (model) {
    case 'first_touch':
    case 'last_touch':
      return sql`1`;
    case 'linear':
      return sql`per.n`;
    case 'position_based':
      return sql`case when per.n <= 2 then per.n else 100 * (per.n - 2) end`;
    case 'time_decay':
      return sql`per.decay_total`;
  }
}

/**
 * The report's one statement (exported so the bench can EXPLAIN it). No sort over the touches: one
 * hash aggregate per lead (how many touches, the first and last by order key, the decay total) and
 * a hash join back give every touch its weight over its journey's total; only the touches of leads
 * with money are ranked, for the largest remainder.
 */
export function attributionQuery(q: AttributionQuery): SQL {
  const key = sql.raw(`tp.${q.groupBy}`);
  return sql`
    with l as materialized (${convertedLeads(q.tenantId, q.from, q.to)}),
    j as materialized (
      select tp.lead_id, l.currency, l.won, l.qualified, l.has_money, coalesce(${key}, ${NONE}) as key,
        lpad(tp.position::text, 10, '0') || tp.id as ord,
        (extract(epoch from (l.created_at - tp.occurred_at)) * 1000)::float8 as age_ms
      from touchpoints tp join l on l.id = tp.lead_id
      where tp.tenant_id = ${q.tenantId} and tp.occurred_at <= l.created_at
    ),
    per as (
      select j.lead_id, count(*) as n, min(j.ord) as first_ord, max(j.ord) as last_ord,
        ${q.model === 'time_decay' ? sql`sum(${decay(q.halfLifeDays)})` : sql`0`} as decay_total
      from j group by 1
    ),
    wt as materialized (
      select j.lead_id, j.currency, j.won, j.qualified, j.has_money, j.key, j.ord, (${weight(q.model, q.halfLifeDays)})::bigint as w,
        (${total(q.model)})::bigint as total
      from j join per on per.lead_id = j.lead_id
      union all
      select l.id, l.currency, l.won, l.qualified, l.has_money, ${NONE}, '', 1, 1 from l
      where not exists (select 1 from per where per.lead_id = l.id)
    ),
    counts as (
      select key, currency, sum(w::float8 / total) as leads,
        sum(case when qualified then w::float8 / total else 0 end) as qualified,
        sum(case when won then w::float8 / total else 0 end) as won
      from wt group by 1, 2
    ),
    money as (
      select r.lead_id, r.currency,
        case r.kind when 'refund' then 'refunds' when 'churn' then 'churned' else 'revenue' end as col, sum(r.amount_minor)::numeric as amount
      from revenue_events r join l on l.id = r.lead_id where r.tenant_id = ${q.tenantId} group by 1, 2, 3
    ),
    split as (
      select m.currency, m.col, wt.key, wt.ord, m.lead_id, m.amount,
        div(m.amount * wt.w, wt.total) as part, mod(m.amount * wt.w, wt.total) as rest
      from money m join wt on wt.lead_id = m.lead_id and wt.has_money
    ),
    ranked as (
      select key, currency, col, part,
        row_number() over (partition by lead_id, currency, col order by rest desc, ord) as place,
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
    order by 1, 2 nulls first`;
}

export async function attributionReport(db: Database, q: AttributionQuery): Promise<AttributionRow[]> {
  const query = attributionQuery(q);
  const rows = await reportTransaction(db, (tx) => rawRows<Record<string, string | number | null>>(tx, query));
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
