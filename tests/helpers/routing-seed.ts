/** Seeds teams, reps and rules straight into the database for routing tests. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../api/src/db/database';
import {
  businessCalendars,
  capacityPolicies,
  capacityPolicyForms,
  reps,
  routingRules,
  slaPolicies,
  teams,
  tenants,
} from '../../api/src/db/schema';
import type { SlaEscalation } from '../../api/src/db/schema/sla-policies';
import type { SlaTargets } from '../../api/src/domain/sla';
import type { CapacityPolicy } from '../../api/src/domain/capacity';
import type { BusinessCalendar } from '../../api/src/domain/business-hours';
import type { Condition } from '../../api/src/domain/conditions';
import { newId } from '../../api/src/domain/ids';
import type { RoutingAction } from '../../api/src/domain/routing';

export async function seedTeam(db: Database, tenantId: string, name: string, opts: { slackWebhookUrl?: string } = {}) {
  const id = newId('team');
  await db.insert(teams).values({ id, tenantId, name, slackWebhookUrl: opts.slackWebhookUrl ?? null });
  return id;
}

export interface RepSeed {
  name?: string;
  weight?: number;
  position?: number;
  active?: boolean;
  maxOpenLeads?: number | null;
  workingHours?: BusinessCalendar | null;
  outOfOffice?: { from: string; to: string }[];
  slackWebhookUrl?: string;
}

export async function seedReps(db: Database, tenantId: string, teamId: string, seeds: RepSeed[]) {
  const ids: string[] = [];
  for (const [i, s] of seeds.entries()) {
    const id = newId('rep');
    await db.insert(reps).values({
      id,
      tenantId,
      teamId,
      name: s.name ?? `Rep ${i + 1}`,
      email: `rep${i + 1}.${id.slice(-6).toLowerCase()}@seller.example`,
      position: s.position ?? i,
      weight: s.weight ?? 1,
      active: s.active ?? true,
      maxOpenLeads: s.maxOpenLeads ?? null,
      workingHours: s.workingHours ?? null,
      outOfOffice: s.outOfOffice ?? [],
      slackWebhookUrl: s.slackWebhookUrl ?? null,
    });
    ids.push(id);
  }
  return ids;
}

const MATCH_ALL: Condition = { all: [] };

export async function seedRule(
  db: Database,
  tenantId: string,
  action: Partial<RoutingAction> & { teamId: string },
  opts: { condition?: Condition; position?: number; name?: string } = {},
) {
  const id = newId('rule');
  await db.insert(routingRules).values({
    id,
    tenantId,
    position: opts.position ?? 0,
    name: opts.name ?? 'Everyone',
    condition: opts.condition ?? MATCH_ALL,
    action: { strategy: 'round_robin', overflow: { kind: 'unassigned' }, ...action } as RoutingAction,
    enabled: true,
  });
  await db
    .update(tenants)
    .set({ routingVersion: sql`${tenants.routingVersion} + 1` })
    .where(eq(tenants.id, tenantId));
  return id;
}

const NY_OFFICE: BusinessCalendar = {
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [],
    sun: [],
  },
  holidays: [{ date: '2026-11-26' }],
};

export async function seedCalendar(db: Database, tenantId: string, calendar: BusinessCalendar = NY_OFFICE) {
  const id = newId('calendar');
  await db.insert(businessCalendars).values({ id, tenantId, name: 'Office', calendar });
  return id;
}

export async function seedSlaPolicy(
  db: Database,
  tenantId: string,
  p: {
    targets: SlaTargets;
    calendarId?: string;
    condition?: Condition;
    position?: number;
    escalation?: Partial<SlaEscalation>;
    pauseStages?: string[];
    name?: string;
  },
) {
  const id = newId('slaPolicy');
  await db.insert(slaPolicies).values({
    id,
    tenantId,
    name: p.name ?? 'Default SLA',
    position: p.position ?? 0,
    condition: p.condition ?? MATCH_ALL,
    targets: p.targets,
    calendarId: p.calendarId ?? null,
    escalation: { notifyOwner: true, notifyTeam: false, reassign: false, ...p.escalation },
    pauseStages: p.pauseStages ?? [],
  });
  return id;
}

/** A policy gating one form, or several (`formId` may be a list: they share its window). */
export async function seedCapacityPolicy(
  db: Database,
  tenantId: string,
  formId: string | string[],
  policy: CapacityPolicy,
  opts: { teamId?: string } = {},
) {
  const id = newId('capacityPolicy');
  await db.insert(capacityPolicies).values({ id, tenantId, name: 'Capacity', policy, teamId: opts.teamId ?? null });
  await db.insert(capacityPolicyForms).values([formId].flat().map((f) => ({ formId: f, tenantId, policyId: id })));
  return id;
}
