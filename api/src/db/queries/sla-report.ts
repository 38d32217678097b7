/**
 * The SLA report: per group, how many leads were answered within target, response-time percentiles
 * on the policy's clock, breaches, and every response split into Inlet's part (created → the owner
 * notified) and the rep's part (notified → first response).
 */
import { and, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database';
import { leads } from '../schema';

export const SLA_GROUPS = ['rep', 'team', 'form', 'channel', 'day', 'week', 'all'] as const;
export type SlaGroup = (typeof SLA_GROUPS)[number];

const num = (q: SQL) => sql<number | null>`${q}`.mapWith((v) => (v === null ? null : Number(v)));

function groupKey(group: SlaGroup, timeZone: string): SQL<string> {
  switch (group) {
    case 'rep':
      return sql<string>`coalesce(${leads.ownerRepId}, 'unassigned')`;
    case 'team':
      return sql<string>`coalesce(${leads.teamId}, 'none')`;
    case 'form':
      return sql<string>`${leads.formId}`;
    case 'channel':
      return sql<string>`coalesce(${leads.firstChannel}, 'direct')`;
    case 'day':
    case 'week':
      return sql<string>`to_char(date_trunc(${group}, ${leads.createdAt} AT TIME ZONE ${timeZone}), 'YYYY-MM-DD')`;
    case 'all':
      return sql<string>`'all'`;
  }
}

export async function slaReport(
  db: Database,
  q: { tenantId: string; timeZone: string; from: Date; to: Date; groupBy: SlaGroup },
) {
  const key = groupKey(q.groupBy, q.timeZone);
  const systemDelay = sql`extract(epoch from (${leads.notifiedAt} - ${leads.createdAt}))`;
  const repDelay = sql`extract(epoch from (${leads.firstResponseAt} - coalesce(${leads.notifiedAt}, ${leads.createdAt})))`;
  const rows = await db
    .select({
      key,
      leads: sql<number>`count(*)::int`,
      answered: sql<number>`count(${leads.firstResponseAt})::int`,
      withinTarget: sql<number>`count(*) filter (where ${leads.firstResponseMet})::int`,
      breaches: sql<number>`count(*) filter (where ${leads.firstResponseMet} = false or (${leads.firstResponseAt} is null and ${leads.slaBreachedAt} is not null))::int`,
      medianFirstResponseMinutes: num(
        sql`percentile_cont(0.5) within group (order by ${leads.firstResponseBusinessMinutes})`,
      ),
      p90FirstResponseMinutes: num(
        sql`percentile_cont(0.9) within group (order by ${leads.firstResponseBusinessMinutes})`,
      ),
      medianSystemDelaySeconds: num(sql`percentile_cont(0.5) within group (order by ${systemDelay})`),
      p90SystemDelaySeconds: num(sql`percentile_cont(0.9) within group (order by ${systemDelay})`),
      medianRepDelaySeconds: num(sql`percentile_cont(0.5) within group (order by ${repDelay})`),
      p90RepDelaySeconds: num(sql`percentile_cont(0.9) within group (order by ${repDelay})`),
    })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, q.tenantId),
        isNotNull(leads.slaPolicyId),
        gte(leads.createdAt, q.from),
        lt(leads.createdAt, q.to),
      ),
    )
    // Positional: the key is a parametrised expression, and Postgres would not match a second copy.
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  // Leads still inside their window are undecided: the share is over the decided ones.
  return rows.map((r) => ({
    ...r,
    shareWithinTarget: r.withinTarget + r.breaches === 0 ? null : r.withinTarget / (r.withinTarget + r.breaches),
  }));
}
