/** Teams, reps and routing rules in the API's JSON shapes (dates as ISO strings, no internal columns). */
import type { RepRow } from '../db/queries/reps';
import type { RoutingRuleRow } from '../db/queries/routing-rules';
import type { TeamRow } from '../db/queries/teams';
import type { BusinessCalendar } from '../domain/business-hours';
import type { RoutingAction } from '../domain/routing';
import { presentCalendar, presentCondition } from './present-jsonb';

const iso = (d: Date) => d.toISOString();

// jsonb stores object keys sorted by length, not as written; these put them back in reading order.

export function presentAction(a: RoutingAction): RoutingAction {
  return {
    teamId: a.teamId,
    strategy: a.strategy,
    ...(a.repId !== undefined ? { repId: a.repId } : {}),
    ...(a.ownerMatching !== undefined ? { ownerMatching: a.ownerMatching } : {}),
    ...(a.slaAware !== undefined ? { slaAware: a.slaAware } : {}),
    overflow:
      a.overflow.kind === 'next_team' ? { kind: 'next_team', teamId: a.overflow.teamId } : { kind: 'unassigned' },
  };
}

// A rep's working hours are a calendar without the mode (always business hours).
const presentHours = (h: BusinessCalendar) => {
  const { mode: _mode, ...hours } = presentCalendar(h);
  return hours;
};

export function presentTeam(t: TeamRow) {
  return {
    id: t.id,
    name: t.name,
    slackWebhookUrl: t.slackWebhookUrl,
    email: t.email,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
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
    outOfOffice: r.outOfOffice.map((p) => ({
      from: p.from,
      to: p.to,
      ...(p.note !== undefined ? { note: p.note } : {}),
    })),
    maxOpenLeads: r.maxOpenLeads,
    openLeads: r.openLeads,
    slackWebhookUrl: r.slackWebhookUrl,
    emailNotifications: r.emailNotifications,
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
