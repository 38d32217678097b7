/**
 * The pipeline report: per group and stage, leads there now, leads that entered it, the share that
 * went on to a later stage (not a lost one), time in stage (median, p90; stays that ended), and
 * leads stalled there now. Over the leads created in the range; a lead's stays are its first stage
 * (from its creation) and each recorded move.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database';
import { rawRows } from './raw';

export const PIPELINE_GROUPS = ['all', 'owner', 'team', 'channel', 'campaign'] as const;
export type PipelineGroup = (typeof PIPELINE_GROUPS)[number];

export interface PipelineRow {
  key: string;
  stage: string;
  leadsNow: number;
  entered: number;
  convertedToNext: number;
  conversionToNext: number | null;
  medianHoursInStage: number | null;
  p90HoursInStage: number | null;
  stalled: number;
}

function groupKey(g: PipelineGroup): SQL {
  switch (g) {
    case 'all':
      return sql`'all'`;
    case 'owner':
      return sql`coalesce(owner_rep_id, 'unassigned')`;
    case 'team':
      return sql`coalesce(team_id, 'none')`;
    case 'channel':
      return sql`coalesce(first_channel, 'direct')`;
    case 'campaign':
      return sql`coalesce(first_touch->>'campaign', '(none)')`;
  }
}

export async function pipelineReport(
  db: Database,
  q: { tenantId: string; groupBy: PipelineGroup; from: Date; to: Date },
): Promise<PipelineRow[]> {
  const rows = await rawRows<Record<string, string | number | null>>(
    db,
    sql`
    with l as (
      select id, created_at, stage, stalled_at, ${groupKey(q.groupBy)} as key from leads
      where tenant_id = ${q.tenantId} and status <> 'spam'
        and created_at >= ${q.from.toISOString()}::timestamptz and created_at < ${q.to.toISOString()}::timestamptz
    ),
    ev as (
      select e.lead_id, e.id, e.occurred_at, e.data from lead_events e join l on l.id = e.lead_id
      where e.tenant_id = ${q.tenantId} and e.type = 'lead.stage_changed'
    ),
    firsts as (
      select l.id as lead_id, l.key, coalesce(f.from_stage, case when f.lead_id is null then l.stage end) as stage,
        l.created_at as entered_at, '' as id
      from l left join lateral (
        select ev.lead_id, ev.data->>'fromStage' as from_stage from ev where ev.lead_id = l.id order by ev.occurred_at, ev.id limit 1
      ) f on true
    ),
    stays as (
      select s.*, lead(s.entered_at) over (partition by s.lead_id order by s.entered_at, s.id) as left_at, p.position, p.kind
      from (
        select * from firsts where stage is not null
        union all
        select ev.lead_id, l.key, ev.data->>'stage', ev.occurred_at, ev.id from ev join l on l.id = ev.lead_id
      ) s join pipeline_stages p on p.tenant_id = ${q.tenantId} and p.key = s.stage
    ),
    reached as (select lead_id, max(position) filter (where kind <> 'lost') as furthest from stays group by 1),
    moved as (
      select s.key, s.stage, count(distinct s.lead_id)::int as entered,
        count(distinct s.lead_id) filter (where r.furthest > s.position)::int as converted,
        percentile_cont(0.5) within group (order by extract(epoch from (s.left_at - s.entered_at)) / 3600) as median_h,
        percentile_cont(0.9) within group (order by extract(epoch from (s.left_at - s.entered_at)) / 3600) as p90_h
      from stays s join reached r on r.lead_id = s.lead_id group by 1, 2
    ),
    now as (
      select key, stage, count(*)::int as leads_now, count(stalled_at)::int as stalled from l where stage is not null group by 1, 2
    )
    select coalesce(m.key, n.key) as key, coalesce(m.stage, n.stage) as stage, coalesce(n.leads_now, 0) as leads_now,
      coalesce(m.entered, 0) as entered, coalesce(m.converted, 0) as converted, m.median_h, m.p90_h, coalesce(n.stalled, 0) as stalled,
      (select position from pipeline_stages p where p.tenant_id = ${q.tenantId} and p.key = coalesce(m.stage, n.stage)) as position
    from moved m full join now n on n.key = m.key and n.stage = m.stage
    order by 1, position nulls last, 2`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
  return rows.map((r) => {
    const entered = Number(r.entered);
    const converted = Number(r.converted);
    return {
      key: String(r.key),
      stage: String(r.stage),
      leadsNow: Number(r.leads_now),
      entered,
      convertedToNext: converted,
      conversionToNext: entered === 0 ? null : converted / entered,
      medianHoursInStage: num(r.median_h),
      p90HoursInStage: num(r.p90_h),
      stalled: Number(r.stalled),
    };
  });
}
