/**
 * Writes the demo workspace (demo-seed.ts builds it) in one transaction: the setup through the same
 * verbs the API uses (so every reference is checked), then the history in a few multi-row inserts.
 * The history writes no outbox rows: it happened before, and nobody is to be told about it now.
 */
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { insertBusinessCalendar } from '../db/queries/business-calendars';
import { insertForm } from '../db/queries/forms';
import { insertTeam } from '../db/queries/teams';
import {
  businessCalendars,
  capacityPolicies,
  capacityUsage,
  leadEvents,
  leads,
  reps,
  routingRules,
  slaPolicies,
  teams,
  tenants,
  touchpoints,
} from '../db/schema';
import { windowFor } from '../domain/capacity';
import { newId } from '../domain/ids';
import { createCapacityPolicy } from '../verbs/capacity-policies';
import { createRep } from '../verbs/reps';
import { createRule, setFallback } from '../verbs/routing-rules';
import { createSlaPolicy } from '../verbs/sla-policies';
import {
  DEMO_EXTRA_FORMS,
  DEMO_FIELDS,
  demoCalendar,
  demoCapacity,
  demoRules,
  demoSlaPolicies,
  demoTeams,
  type DemoRefs,
} from './demo-seed';
import { demoHistory, type SeededRep } from './demo-history';

export interface SeedDemoInput {
  tenantId: string;
  demoFormId: string;
  origins: string[];
  now: Date;
  /** Leads of history (default 200). */
  historyCount?: number;
}

export interface SeedDemoResult {
  seeded: boolean;
  leads: number;
}

/** Rows per INSERT: well under Postgres's 65,535 parameters for the widest table (leads). */
const CHUNK = 250;

async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Seeds the demo tenant unless it already has a team (seeding twice adds nothing). */
export async function seedDemoWorkspace(db: Database, input: SeedDemoInput): Promise<SeedDemoResult> {
  const { tenantId, now } = input;
  return db.transaction(async (tx) => {
    // Serialises two starts on one database: the second waits, then sees the first one's teams.
    await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    const [has] = await tx.select({ n: count() }).from(teams).where(eq(teams.tenantId, tenantId));
    if ((has?.n ?? 0) > 0) return { seeded: false, leads: 0 };

    const extra: Record<string, string> = {};
    for (const f of DEMO_EXTRA_FORMS) {
      const form = await insertForm(
        tx,
        tenantId,
        {
          name: f.name,
          fields: DEMO_FIELDS,
          allowedOrigins: input.origins,
          copy: { title: f.title, submitLabel: 'Send' },
        },
        now,
      );
      extra[f.key] = form.id;
    }
    const teamIds: Record<string, string> = {};
    const seededReps: SeededRep[] = [];
    for (const t of demoTeams(now)) {
      const team = await insertTeam(tx, tenantId, { name: t.name }, now);
      teamIds[t.key] = team.id;
      for (const r of t.reps) {
        const row = await createRep(tx, tenantId, { ...r, teamId: team.id }, now);
        seededReps.push({ id: row.id, teamId: team.id, workingHours: row.workingHours });
      }
    }
    const cal = await insertBusinessCalendar(tx, tenantId, demoCalendar(now), now);
    const refs: DemoRefs = {
      forms: { demo: input.demoFormId, enterprise: extra.enterprise!, partners: extra.partners! },
      teams: { inbound: teamIds.inbound!, enterprise: teamIds.enterprise! },
      calendarId: cal.id,
    };
    const routing = demoRules(refs);
    const rules = [];
    for (const r of routing.rules) rules.push(await createRule(tx, tenantId, r, now));
    await setFallback(tx, tenantId, routing.fallback);
    const sla = [];
    for (const { teamId, input: p } of demoSlaPolicies(refs)) {
      const row = await createSlaPolicy(tx, tenantId, p, now);
      sla.push({
        id: row.id,
        name: row.name,
        targets: row.targets,
        calendar: row.calendarId ? cal.calendar : null,
        teamId,
      });
    }
    const capacity = await createCapacityPolicy(tx, tenantId, demoCapacity(refs), now);
    // Marked as the demo's, so "Clear demo data" removes the setup and leaves what the customer adds.
    const marks = [
      [teams, Object.values(teamIds)],
      [reps, seededReps.map((r) => r.id)],
      [routingRules, rules.map((r) => r.id)],
      [businessCalendars, [cal.id]],
      [slaPolicies, sla.map((p) => p.id)],
      [capacityPolicies, [capacity.id]],
    ] as const;
    for (const [table, ids] of marks)
      await tx
        .update(table)
        .set({ demo: true })
        .where(and(eq(table.tenantId, tenantId), inArray(table.id, [...ids])));

    const history = demoHistory({
      tenantId,
      now,
      refs,
      reps: seededReps,
      rules: rules.map((r) => ({ id: r.id, name: r.name })),
      sla,
      makeId: newId,
      count: input.historyCount,
    });
    await insertChunked(history.leads, (c) => tx.insert(leads).values(c));
    await insertChunked(history.touchpoints, (c) => tx.insert(touchpoints).values(c));
    await insertChunked(history.events, (c) => tx.insert(leadEvents).values(c));
    for (const [repId, open] of history.openLeadsByRep)
      await tx
        .update(reps)
        .set({ openLeads: open })
        .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)));
    // The places the history took in the capacity policy's current window, so its count is true.
    const [tz] = await tx.select({ tz: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    const window = windowFor(capacity.policy.limit!.per, tz?.tz ?? 'UTC', now);
    const [taken] = await tx
      .select({ n: count() })
      .from(leads)
      .where(
        and(
          eq(leads.tenantId, tenantId),
          eq(leads.formId, refs.forms.enterprise),
          gte(leads.createdAt, window.start),
          lt(leads.createdAt, window.end),
        ),
      );
    if (taken && taken.n > 0)
      await tx.insert(capacityUsage).values({ tenantId, policyId: capacity.id, windowKey: window.key, used: taken.n });
    return { seeded: true, leads: history.leads.length };
  });
}
