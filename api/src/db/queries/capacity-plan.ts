/** What the capacity plan measures from history: a team's reps, answered leads, weekly demand per channel. */
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { leads, reps } from '../schema';

export async function planReps(db: Database, tenantId: string, teamId: string) {
  return db
    .select({ id: reps.id, active: reps.active, workingHours: reps.workingHours, outOfOffice: reps.outOfOffice })
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.teamId, teamId)))
    .orderBy(asc(reps.id));
}

interface Range {
  tenantId: string;
  teamId: string;
  from: Date;
  to: Date;
}

/** Leads of the team first answered in the range, and the median time from lead to close. */
export async function answeredLeads(db: Database, q: Range) {
  const [row] = await db
    .select({
      answered: sql<number>`count(*) filter (where ${leads.firstResponseAt} >= ${q.from.toISOString()} and ${leads.firstResponseAt} < ${q.to.toISOString()})::int`,
      medianHoursToClose: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${leads.closedAt} - ${leads.createdAt}) / 3600) filter (where ${leads.closedAt} >= ${q.from.toISOString()} and ${leads.closedAt} < ${q.to.toISOString()})`,
    })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, q.tenantId),
        eq(leads.teamId, q.teamId),
        // Leads answered or closed in the range were created before its end.
        lt(leads.createdAt, q.to),
      ),
    );
  return {
    answered: Number(row?.answered ?? 0),
    medianHoursToClose: row?.medianHoursToClose == null ? null : Number(row.medianHoursToClose),
  };
}

/** Leads routed to the team per week (Monday first, in `timeZone`) and first-touch channel; spam left out. */
export async function weeklyDemand(db: Database, q: Range & { timeZone: string }) {
  const weekStart = sql<string>`(date_trunc('week', ${leads.createdAt} at time zone ${q.timeZone}) at time zone ${q.timeZone})`;
  const rows = await db
    .select({
      weekStart,
      channel: sql<string>`coalesce(${leads.firstChannel}, 'direct')`,
      leads: sql<number>`count(*)::int`,
    })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, q.tenantId),
        eq(leads.teamId, q.teamId),
        gte(leads.createdAt, q.from),
        lt(leads.createdAt, q.to),
        sql`${leads.intake} <> 'spam'`,
      ),
    )
    .groupBy(sql`1`, sql`2`);
  return rows.map((r) => ({
    weekStart: new Date(r.weekStart).toISOString(),
    channel: r.channel,
    leads: Number(r.leads),
  }));
}
