/** Teams, reps and routing rules in the API's JSON shapes (dates as ISO strings, no internal columns). */
import type { RepRow } from '../db/queries/reps';
import type { RoutingRuleRow } from '../db/queries/routing-rules';
import type { TeamRow } from '../db/queries/teams';
import { WEEKDAYS, type BusinessCalendar, type WeeklySchedule } from '../domain/business-hours';
import type { Condition } from '../domain/conditions';
import type { RoutingAction } from '../domain/routing';

const iso = (d: Date) => d.toISOString();

// jsonb stores object keys sorted by length, not as written; these put them back in reading order.

export function presentCondition(c: Condition): Condition {
  if ('all' in c) return { all: c.all.map(presentCondition) };
  if ('any' in c) return { any: c.any.map(presentCondition) };
  if ('not' in c) return { not: presentCondition(c.not) };
  return ('value' in c ? { field: c.field, op: c.op, value: c.value } : { field: c.field, op: c.op }) as Condition;
}

export function presentAction(a: RoutingAction): RoutingAction {
  return {
    teamId: a.teamId,
    strategy: a.strategy,
    ...(a.repId !== undefined ? { repId: a.repId } : {}),
    ...(a.ownerMatching !== undefined ? { ownerMatching: a.ownerMatching } : {}),
    overflow: a.overflow.kind === 'next_team' ? { kind: 'next_team', teamId: a.overflow.teamId } : { kind: 'unassigned' },
  };
}

const presentHours = (h: BusinessCalendar) => ({
  timeZone: h.timeZone,
  weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, h.weekly[d] ?? []])) as WeeklySchedule,
  holidays: h.holidays,
});

export function presentTeam(t: TeamRow) {
  return { id: t.id, name: t.name, slackWebhookUrl: t.slackWebhookUrl, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) };
}

export function presentRep(r: RepRow) {
  return {
    id: r.id,
    teamId: r.teamId,
    name: r.name,
    email: r.email,
    position: r.position,
    weight: r.weight,
    active: r.active,
    timeZone: r.workingHours?.timeZone ?? null,
    // Stored as a business calendar; shown in the shape it is written in, so a read can be sent back.
    workingHours: r.workingHours ? presentHours(r.workingHours) : null,
    outOfOffice: r.outOfOffice.map((p) => ({ from: p.from, to: p.to, ...(p.note !== undefined ? { note: p.note } : {}) })),
    maxOpenLeads: r.maxOpenLeads,
    openLeads: r.openLeads,
    slackWebhookUrl: r.slackWebhookUrl,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function presentRule(r: RoutingRuleRow) {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    condition: presentCondition(r.condition),
    action: presentAction(r.action),
    enabled: r.enabled,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
