/** The lead list's filters that need more than an equality: name or email search, campaign, SLA state. */
import { and, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { SlaFilter } from '../../domain/sla-state';
import { leads, touchpoints } from '../schema';

/** `q` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The lead's name as its form asked for it: a `name` or `full_name` field, or first and last name
 * fields (joined, so "ada love" finds Ada Lovelace).
 */
const leadName = sql`concat_ws(' ', ${leads.values}->>'name', ${leads.values}->>'full_name', ${leads.values}->>'first_name', ${leads.values}->>'last_name')`;

/** Name or email contains `q`, case-insensitively. */
export function matchesNameOrEmail(q: string): SQL {
  const pattern = containsPattern(q);
  return sql`(${leads.email} ilike ${pattern} or ${leadName} ilike ${pattern})`;
}

/** A touch of the lead (first, last or between) came from the campaign (`utm_campaign`, as written). */
export function fromCampaign(tenantId: string, campaign: string): SQL {
  return sql`exists (select 1 from ${touchpoints} where ${and(
    eq(touchpoints.tenantId, tenantId),
    eq(touchpoints.leadId, leads.id),
    eq(touchpoints.campaign, campaign),
  )})`;
}

/** Unanswered and past due, still open: the SQL of domain/sla-state.ts `overdue`. */
const overdue = (now: Date) =>
  and(
    eq(leads.status, 'open'),
    inArray(leads.slaState, ['running', 'breached']),
    lte(leads.slaDueAt, now),
    or(eq(leads.slaPhase, 'follow_up'), isNull(leads.firstResponseAt)),
  )!;

/** The leads whose SLA state at `now` is `f` (domain/sla-state.ts slaViewState, in SQL). */
export function inSlaState(f: SlaFilter, now: Date): SQL {
  switch (f) {
    case 'overdue':
      return overdue(now);
    case 'due_soon':
      return and(
        eq(leads.status, 'open'),
        eq(leads.slaState, 'running'),
        gt(leads.slaDueAt, now),
        lte(leads.slaWarnAt, now),
      )!;
    case 'met':
      return eq(leads.slaState, 'met');
    case 'breached':
      return and(eq(leads.slaState, 'breached'), sql`not coalesce(${overdue(now)}, false)`)!;
  }
}
