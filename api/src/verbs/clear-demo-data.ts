/**
 * "Clear demo data": removes what the demo seed wrote (rows marked `demo = true`, see
 * db/schema/columns.ts `demoFlag`) in one transaction, and leaves what the customer made.
 *
 * The seed marks its leads and its setup (teams, reps, routing rules, business hours, SLA and
 * capacity policies). Demo leads go with their touchpoints, events and revenue. A demo setup row
 * the customer has since built on stays: a team that a rep, rule or capacity policy of theirs still
 * refers to, a rep one of their rules names, a calendar one of their SLA policies measures with.
 * The customer's own leads that a removed rep or team held are left unassigned (with an event
 * saying why); the routing fallback is cleared when it sent leads to a removed team.
 */
import type { Database } from '../db/database';
import {
  deleteDemoLeads,
  deleteRows,
  formsOfPolicies,
  readSetup,
  recountOpenLeads,
  stopClocksOf,
  unassignFrom,
} from '../db/queries/demo-data';
import { appendLeadEvents } from '../db/queries/lead-events';
import { bumpRoutingVersion, readFallback, writeFallback } from '../db/queries/routing-rules';
import type { RoutingAction } from '../domain/routing';
import { forgetAvailability } from './availability-cache';
import { namesRep, sendsTo } from './routing-references';

export interface ClearedDemoData {
  leads: number;
  teams: number;
  reps: number;
  routingRules: number;
  slaPolicies: number;
  businessHours: number;
  capacityPolicies: number;
  /** The customer's leads left unassigned because their demo owner or team was removed. */
  unassignedLeads: number;
}

const idsOf = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);

export async function clearDemoData(
  db: Database,
  tenantId: string,
  opts: { actor: string; now: Date },
): Promise<ClearedDemoData> {
  const { now } = opts;
  const out = await db.transaction(async (tx) => {
    // The routing version row lock serialises this with every other routing change of the tenant.
    await bumpRoutingVersion(tx, tenantId);
    const leadCount = await deleteDemoLeads(tx, tenantId);
    const setup = await readSetup(tx, tenantId);
    const keptRules = setup.ruleRows.filter((r) => !r.demo);
    const keptActions: RoutingAction[] = keptRules.map((r) => r.action);
    const repsGone = setup.repRows.filter((r) => r.demo && !keptActions.some((a) => namesRep(a, r.id)));
    const goneRep = new Set(idsOf(repsGone));
    const capacityGone = setup.capacityRows.filter((p) => p.demo);
    const keptCapacity = setup.capacityRows.filter((p) => !p.demo);
    const teamsGone = setup.teamRows.filter(
      (t) =>
        t.demo &&
        !setup.repRows.some((r) => r.teamId === t.id && !goneRep.has(r.id)) &&
        !keptActions.some((a) => sendsTo(a, t.id)) &&
        !keptCapacity.some((p) => p.teamId === t.id),
    );
    const goneTeam = new Set(idsOf(teamsGone));
    const fallback = await readFallback(tx, tenantId);
    if (
      fallback &&
      ([...goneTeam].some((t) => sendsTo(fallback, t)) || (fallback.repId && goneRep.has(fallback.repId)))
    )
      await writeFallback(tx, tenantId, null);
    const slaGone = setup.slaRows.filter((p) => p.demo);
    const keptSla = setup.slaRows.filter((p) => !p.demo);
    const calendarsGone = setup.calendarRows.filter((c) => c.demo && !keptSla.some((p) => p.calendarId === c.id));

    const unassigned = await unassignFrom(tx, tenantId, [...goneRep], [...goneTeam], now);
    await appendLeadEvents(
      tx,
      unassigned.map((l) => ({
        tenantId,
        leadId: l.id,
        type: 'lead.unassigned',
        data: { fromRepId: l.ownerRepId, fromTeamId: l.teamId, reason: 'demo_data_cleared' },
        actor: opts.actor,
        occurredAt: now,
      })),
    );
    await stopClocksOf(tx, tenantId, idsOf(slaGone));
    const formIds = await formsOfPolicies(tx, tenantId, idsOf(capacityGone));
    await deleteRows(tx, tenantId, {
      rules: idsOf(setup.ruleRows.filter((r) => r.demo)),
      slaPolicies: idsOf(slaGone),
      calendars: idsOf(calendarsGone),
      capacityPolicies: idsOf(capacityGone),
      reps: [...goneRep],
      teams: [...goneTeam],
    });
    await recountOpenLeads(tx, tenantId, now);
    const cleared: ClearedDemoData = {
      leads: leadCount,
      teams: goneTeam.size,
      reps: goneRep.size,
      routingRules: setup.ruleRows.length - keptRules.length,
      slaPolicies: slaGone.length,
      businessHours: calendarsGone.length,
      capacityPolicies: capacityGone.length,
      unassignedLeads: unassigned.length,
    };
    return { cleared, formIds };
  });
  forgetAvailability(...out.formIds);
  return out.cleared;
}
