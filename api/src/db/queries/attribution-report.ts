/**
 * The attribution report in one SQL statement: each lead created in the range is a conversion, its
 * journey the touches stored with it up to its creation (precomputed in lead_journeys); the model's integer weights
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
 * A touch's integer weight (domain/attribution.ts `weights`) from its place `t.i` (1-based) in its
 * lead's stored journey of `j.n` touches (lead_journeys, kept at write time).
 */
function weight(model: AttributionModel, halfLifeDays: number): SQL {
  switch (model) {
    case 'first_touch':
      return sql`(t.i = 1)::int`;
    case 'last_touch':
      return sql`(t.i = j.n)::int`;
    case 'linear':
      return sql`1`;
    case 'position_based':
      return sql`case when j.n <= 2 then 1 when t.i = 1 or t.i = j.n then 40 * (j.n - 2) else 20 end`;
    case 'time_decay':
      return decay(sql`t.age_ms`, halfLifeDays);
  }
}

// floor(x + 0.5) as domain/attribution.ts decayWeight: round() of a double rounds half to even.
const decay = (age: SQL, halfLifeDays: number) =>
  sql`greatest(1, floor(${DECAY_SCALE}::float8 * power(2::float8, -${age} / (${halfLifeDays}::float8 * 86400000)) + 0.5))`;

/** The sum of a journey's weights, from its length alone (time decay: summed over the stored ages). */
function total(model: AttributionModel, halfLifeDays: number): SQL {
  switch (model) {
    case 'first_touch':
    case 'last_touch':
      return sql`1`;
    case 'linear':
      return sql`j.n`;
    case 'position_based':
      return sql`case when j.n <= 2 then j.n else 100 * (j.n - 2) end`;
    case 'time_decay':
      // Once per lead: `total` is a column of j.
      return sql`(select sum(${decay(sql`a`, halfLifeDays)}) from unnest(j.ws) a)`;
  }
}

const JOURNEY_COLUMNS: Record<AttributionGroup, string> = {
  channel: 'channels',
  source: 'sources',
  medium: 'mediums',
  campaign: 'campaigns',
  landing_page: 'landing_pages',
};

/**
 * The report's one statement (exported so the bench can EXPLAIN it). No sort and no per-lead aggregate
 * over the touches: each lead's journey was stored when its touches were written (lead_journeys, one
 * row a lead), so a touch's weight is arithmetic on its place and the journey's length, and unnesting
 * the arrays feeds one hash aggregate. Only the touches of leads with money are ranked, for the
 * largest remainder.
 */
export function attributionQuery(q: AttributionQuery): SQL {
  const keys = sql.raw(`lj.${JOURNEY_COLUMNS[q.groupBy]}`);
  // Time decay takes the stored ages (its weights depend on the query's half-life); the others need only the keys.
  const decayed = q.model === 'time_decay';
  const ws = decayed ? sql`coalesce(lj.ages_ms, '{}')` : sql`null::float8[]`;
  const unnested = decayed
    ? sql`unnest(j.keys, j.ws) with ordinality as t(key, age_ms, i)`
    : sql`unnest(j.keys) with ordinality as t(key, i)`;
  // A lead with no credited touch counts once under (none); an empty array unnests to nothing.
  const touches = (only: SQL) => sql`(
      select j.lead_id, j.currency, j.won, j.qualified, j.has_money, coalesce(t.key, ${NONE}) as key, t.i as ord,
        (${weight(q.model, q.halfLifeDays)})::bigint as w, j.total
      from j cross join lateral ${unnested} where ${only}
      union all
      select j.lead_id, j.currency, j.won, j.qualified, j.has_money, ${NONE}, 0, 1, 1 from j where j.n = 0 and ${only}
    )`;
  return sql`
    with l as materialized (${convertedLeads(q.tenantId, q.from, q.to)}),
    j as materialized (
      select j.*, (${total(q.model, q.halfLifeDays)})::bigint as total from (
        select l.id as lead_id, l.currency, l.won, l.qualified, l.has_money,
          coalesce(${keys}, '{}') as keys, ${ws} as ws, coalesce(cardinality(lj.ages_ms), 0) as n
        from l left join lead_journeys lj on lj.lead_id = l.id and lj.tenant_id = ${q.tenantId}
      ) j
    ),
    counts as (
      select key, currency, sum(w::float8 / total) as leads,
        sum(case when qualified then w::float8 / total else 0 end) as qualified,
        sum(case when won then w::float8 / total else 0 end) as won
      from ${touches(sql`true`)} wt group by 1, 2
    ),
    money as (
      select r.lead_id, r.currency,
        case r.kind when 'refund' then 'refunds' when 'churn' then 'churned' else 'revenue' end as col, sum(r.amount_minor)::numeric as amount
      from revenue_events r join l on l.id = r.lead_id where r.tenant_id = ${q.tenantId} group by 1, 2, 3
    ),
    split as (
      select m.currency, m.col, c.key, c.part + (c.place <= m.amount - c.parts)::int as credit
      from money m join j on j.lead_id = m.lead_id
      cross join lateral (
        select p.key, p.part, row_number() over (order by p.rest desc, p.ord) as place, sum(p.part) over () as parts
        from (
          select coalesce(t.key, ${NONE}) as key, t.i as ord, div(m.amount * (${weight(q.model, q.halfLifeDays)})::bigint, j.total) as part,
            mod(m.amount * (${weight(q.model, q.halfLifeDays)})::bigint, j.total) as rest
          from ${unnested}
          union all
          select ${NONE}, 0, m.amount, 0 where j.n = 0
        ) p
      ) c
    ),
    credited as (
      select key, currency,
        sum(credit) filter (where col = 'revenue') as revenue,
        sum(credit) filter (where col = 'refunds') as refunds,
        sum(credit) filter (where col = 'churned') as churned
      from split group by 1, 2
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
