/**
 * The capacity report: per window (or channel, or campaign), the demand a form (or all the forms
 * of one policy) met (views, leads accepted and waitlisted, submissions and views turned away)
 * against the capacity it had, so marketing sees which campaign outran the team.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { localDay } from '../../domain/capacity';
import type { Database } from '../database';
import { capacityUsage, formViews, leads, touchpoints } from '../schema';

export const CAPACITY_GROUPS = ['day', 'week', 'month', 'channel', 'campaign'] as const;
export type CapacityGroup = (typeof CAPACITY_GROUPS)[number];

const PATTERN: Record<'day' | 'week' | 'month', string> = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM' };

/** The same keys as the gate's windows (domain/capacity.ts windowFor), in the tenant's zone. */
const windowKey = (col: SQL | AnyPgColumn, group: 'day' | 'week' | 'month', tz: string) =>
  sql<string>`to_char(${col} AT TIME ZONE ${tz}, ${PATTERN[group]})`;

interface Q {
  tenantId: string;
  formIds: string[];
  /** The policy whose places are reported (its window counts are shared by all its forms). */
  policyId: string | null;
  timeZone: string;
  from: Date;
  to: Date;
  groupBy: CapacityGroup;
}

export async function capacityReport(db: Database, q: Q) {
  const byWindow = q.groupBy === 'day' || q.groupBy === 'week' || q.groupBy === 'month';
  const leadKey = byWindow
    ? windowKey(leads.createdAt, q.groupBy as 'day', q.timeZone)
    : q.groupBy === 'channel'
      ? sql<string>`coalesce(${leads.lastChannel}, 'direct')`
      : sql<string>`coalesce(${leads.lastTouch}->>'campaign', '')`;
  const touchKey = byWindow
    ? windowKey(touchpoints.occurredAt, q.groupBy as 'day', q.timeZone)
    : q.groupBy === 'channel'
      ? sql<string>`${touchpoints.channel}`
      : sql<string>`coalesce(${touchpoints.campaign}, '')`;
  const viewKey = byWindow
    ? sql<string>`to_char(${formViews.day}::date, ${PATTERN[q.groupBy as 'day']})`
    : q.groupBy === 'channel'
      ? sql<string>`${formViews.channel}`
      : sql<string>`${formViews.campaign}`;

  const [leadRows, refusedRows, viewRows, usageRows] = await Promise.all([
    db
      .select({
        key: leadKey,
        accepted: sql<number>`count(*) filter (where ${leads.intake} = 'accepted')::int`,
        waitlisted: sql<number>`count(*) filter (where ${leads.intake} = 'waitlisted')::int`,
      })
      .from(leads)
      .where(
        and(
          eq(leads.tenantId, q.tenantId),
          inArray(leads.formId, q.formIds),
          gte(leads.createdAt, q.from),
          lt(leads.createdAt, q.to),
        ),
      )
      .groupBy(sql`1`), // positional: the key is a parametrised expression
    db
      .select({
        key: touchKey,
        refusedSubmissions: sql<number>`count(*) filter (where ${touchpoints.outcome} = 'refused')::int`,
        refusedViews: sql<number>`count(*) filter (where ${touchpoints.outcome} = 'refused_view')::int`,
      })
      .from(touchpoints)
      .where(
        and(
          eq(touchpoints.tenantId, q.tenantId),
          inArray(touchpoints.formId, q.formIds),
          sql`${touchpoints.outcome} is not null`,
          gte(touchpoints.occurredAt, q.from),
          lt(touchpoints.occurredAt, q.to),
        ),
      )
      .groupBy(sql`1`),
    db
      .select({
        key: viewKey,
        views: sql<number>`sum(${formViews.views})::int`,
        viewsWhileFull: sql<number>`coalesce(sum(${formViews.views}) filter (where ${formViews.state} <> 'open'), 0)::int`,
      })
      .from(formViews)
      .where(
        and(
          eq(formViews.tenantId, q.tenantId),
          inArray(formViews.formId, q.formIds),
          gte(formViews.day, localDay(q.timeZone, q.from)),
          lt(formViews.day, localDay(q.timeZone, q.to)),
        ),
      )
      .groupBy(sql`1`),
    byWindow && q.policyId
      ? db
          .select({ key: capacityUsage.windowKey, used: capacityUsage.used })
          .from(capacityUsage)
          .where(and(eq(capacityUsage.tenantId, q.tenantId), eq(capacityUsage.policyId, q.policyId)))
      : Promise.resolve([] as { key: string; used: number }[]),
  ]);

  const rows = new Map<
    string,
    {
      key: string;
      views: number;
      viewsWhileFull: number;
      accepted: number;
      waitlisted: number;
      refusedSubmissions: number;
      refusedViews: number;
      placesTaken: number | null;
    }
  >();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r)
      rows.set(
        key,
        (r = {
          key,
          views: 0,
          viewsWhileFull: 0,
          accepted: 0,
          waitlisted: 0,
          refusedSubmissions: 0,
          refusedViews: 0,
          placesTaken: null,
        }),
      );
    return r;
  };
  for (const r of leadRows) Object.assign(row(r.key), { accepted: r.accepted, waitlisted: r.waitlisted });
  for (const r of refusedRows)
    Object.assign(row(r.key), { refusedSubmissions: r.refusedSubmissions, refusedViews: r.refusedViews });
  for (const r of viewRows) Object.assign(row(r.key), { views: r.views, viewsWhileFull: r.viewsWhileFull });
  for (const r of usageRows) if (rows.has(r.key)) row(r.key).placesTaken = r.used;
  return [...rows.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((r) => {
      const demand = r.accepted + r.waitlisted + r.refusedSubmissions;
      return {
        ...r,
        demand,
        turnedAwayShare: demand === 0 ? null : (r.waitlisted + r.refusedSubmissions) / demand,
        fullShareOfViews: r.views === 0 ? null : r.viewsWhileFull / r.views,
      };
    });
}
