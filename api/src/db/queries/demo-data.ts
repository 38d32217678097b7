/** The rows the demo seed marked (`demo = true`), read and removed for `DELETE /v1/demo-data`. */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../database';
import {
  businessCalendars,
  capacityPolicies,
  capacityPolicyForms,
  capacityUsage,
  leads,
  reps,
  routingRules,
  slaPolicies,
  teams,
  touchpoints,
} from '../schema';

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The tenant's setup rows, each with its demo mark and what it refers to (small tables: read whole). */
export async function readSetup(tx: Database, tenantId: string) {
  const [teamRows, repRows, ruleRows, slaRows, calendarRows, capacityRows] = await Promise.all([
    tx.select({ id: teams.id, demo: teams.demo }).from(teams).where(eq(teams.tenantId, tenantId)).for('update'),
    tx
      .select({ id: reps.id, demo: reps.demo, teamId: reps.teamId })
      .from(reps)
      .where(eq(reps.tenantId, tenantId))
      .for('update'),
    tx
      .select({ id: routingRules.id, demo: routingRules.demo, action: routingRules.action })
      .from(routingRules)
      .where(eq(routingRules.tenantId, tenantId)),
    tx
      .select({ id: slaPolicies.id, demo: slaPolicies.demo, calendarId: slaPolicies.calendarId })
      .from(slaPolicies)
      .where(eq(slaPolicies.tenantId, tenantId)),
    tx
      .select({ id: businessCalendars.id, demo: businessCalendars.demo })
      .from(businessCalendars)
      .where(eq(businessCalendars.tenantId, tenantId)),
    tx
      .select({ id: capacityPolicies.id, demo: capacityPolicies.demo, teamId: capacityPolicies.teamId })
      .from(capacityPolicies)
      .where(eq(capacityPolicies.tenantId, tenantId)),
  ]);
  return { teamRows, repRows, ruleRows, slaRows, calendarRows, capacityRows };
}

/**
 * Deletes the demo leads with their touchpoints, events and revenue (the last two cascade). The
 * lead history is append-only; this is a deliberate erasure, so it says so for this transaction.
 */
export async function deleteDemoLeads(tx: Database, tenantId: string): Promise<number> {
  const demoLeads = tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.demo, true)));
  await tx.delete(touchpoints).where(and(eq(touchpoints.tenantId, tenantId), inArray(touchpoints.leadId, demoLeads)));
  await tx.execute(sql`SET LOCAL inlet.erasure = 'on'`);
  const gone = await tx
    .delete(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.demo, true)))
    .returning({ id: leads.id });
  await tx.execute(sql`SET LOCAL inlet.erasure = 'off'`);
  return gone.length;
}

/** The customer's own leads that a removed rep owns or a removed team holds: they are left unassigned. */
export async function unassignFrom(tx: Database, tenantId: string, repIds: string[], teamIds: string[], now: Date) {
  if (repIds.length === 0 && teamIds.length === 0) return [];
  const held = or(
    repIds.length ? inArray(leads.ownerRepId, repIds) : undefined,
    teamIds.length ? inArray(leads.teamId, teamIds) : undefined,
  );
  const affected = await tx
    .select({ id: leads.id, ownerRepId: leads.ownerRepId, teamId: leads.teamId })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), held))
    .for('update');
  if (affected.length === 0) return [];
  await tx
    .update(leads)
    .set({ ownerRepId: null, teamId: null, assignedAt: null, updatedAt: now })
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, ids(affected))));
  return affected;
}

/** Stops the clocks of the customer's leads measured by removed SLA policies (their met/breached state stays). */
export async function stopClocksOf(tx: Database, tenantId: string, policyIds: string[]) {
  if (policyIds.length === 0) return;
  await tx
    .update(leads)
    .set({ slaNextCheckAt: null })
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.slaPolicyId, policyIds)));
}

export async function deleteRows(
  tx: Database,
  tenantId: string,
  what: {
    rules: string[];
    slaPolicies: string[];
    calendars: string[];
    capacityPolicies: string[];
    reps: string[];
    teams: string[];
  },
) {
  const del = async <T extends typeof routingRules | typeof slaPolicies | typeof businessCalendars | typeof reps>(
    table: T,
    list: string[],
  ) => {
    if (list.length > 0) await tx.delete(table).where(and(eq(table.tenantId, tenantId), inArray(table.id, list)));
  };
  await del(routingRules, what.rules);
  await del(slaPolicies, what.slaPolicies);
  await del(businessCalendars, what.calendars);
  if (what.capacityPolicies.length > 0) {
    await tx
      .delete(capacityUsage)
      .where(and(eq(capacityUsage.tenantId, tenantId), inArray(capacityUsage.policyId, what.capacityPolicies)));
    await tx
      .delete(capacityPolicies)
      .where(and(eq(capacityPolicies.tenantId, tenantId), inArray(capacityPolicies.id, what.capacityPolicies)));
  }
  await del(reps, what.reps);
  if (what.teams.length > 0)
    await tx.delete(teams).where(and(eq(teams.tenantId, tenantId), inArray(teams.id, what.teams)));
}

/** The forms the removed capacity policies gated (their cached availability must be forgotten). */
export async function formsOfPolicies(tx: Database, tenantId: string, policyIds: string[]) {
  if (policyIds.length === 0) return [];
  const rows = await tx
    .select({ id: capacityPolicyForms.formId })
    .from(capacityPolicyForms)
    .where(and(eq(capacityPolicyForms.tenantId, tenantId), inArray(capacityPolicyForms.policyId, policyIds)));
  return ids(rows);
}

/** Each remaining rep's open-lead count again from the leads (removed demo leads may have held slots). */
export async function recountOpenLeads(tx: Database, tenantId: string, now: Date) {
  await tx
    .update(reps)
    .set({
      openLeads: sql`(select count(*)::int from ${leads} where ${leads.tenantId} = ${tenantId} and ${leads.ownerRepId} = ${reps.id} and ${leads.status} = 'open')`,
      updatedAt: now,
    })
    .where(eq(reps.tenantId, tenantId));
}
