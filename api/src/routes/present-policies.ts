/** Business-hours calendars, SLA policies and capacity policies in the API's JSON shapes. */
import type { BusinessCalendarRow } from '../db/queries/business-calendars';
import type { CapacityPolicyRow } from '../db/queries/capacity-policies';
import type { SlaPolicyRow } from '../db/queries/sla-policies';
import type { CapacityPolicy } from '../domain/capacity';
import type { SlaTargets } from '../domain/sla';
import { presentCalendar, presentCondition } from './present-jsonb';

const iso = (d: Date) => d.toISOString();

// jsonb stores object keys sorted by length, not as written; these put them back in reading order
// and leave out optional keys that are absent.
const some = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export function presentBusinessHours(r: BusinessCalendarRow) {
  return {
    id: r.id,
    name: r.name,
    calendar: presentCalendar(r.calendar),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

const presentTargets = (t: SlaTargets): SlaTargets => ({
  firstResponseMinutes: t.firstResponseMinutes,
  ...some('followUpMinutes', t.followUpMinutes),
  clock: t.clock,
  ...some('warnAtFraction', t.warnAtFraction),
});

export function presentSlaPolicy(p: SlaPolicyRow) {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    condition: presentCondition(p.condition),
    targets: presentTargets(p.targets),
    calendarId: p.calendarId,
    escalation: {
      notifyOwner: p.escalation.notifyOwner,
      notifyTeam: p.escalation.notifyTeam,
      reassign: p.escalation.reassign,
    },
    pauseStages: p.pauseStages,
    enabled: p.enabled,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

function presentSettings(s: CapacityPolicy): CapacityPolicy {
  const w = s.whenFull;
  return {
    ...some('limit', s.limit && { count: s.limit.count, per: s.limit.per }),
    ...some('teamDerived', s.teamDerived),
    ...some(
      'schedule',
      s.schedule && { ...some('opensAt', s.schedule.opensAt), ...some('closesAt', s.schedule.closesAt) },
    ),
    whenFull:
      w.action === 'redirect' ? { action: w.action, url: w.url } : { action: w.action, ...some('message', w.message) },
    ...some('softThreshold', s.softThreshold),
    ...some(
      'holdBack',
      s.holdBack && {
        dimension: s.holdBack.dimension,
        belowScore: s.holdBack.belowScore,
        reservedPlaces: s.holdBack.reservedPlaces,
      },
    ),
  };
}

/** The current window of a policy's limit and its usage (routes/capacity-policies.ts reads the usage). */
export interface CurrentWindow {
  start: Date;
  end: Date;
  taken: number;
}

export function presentCapacityPolicy(p: CapacityPolicyRow, w: CurrentWindow | null) {
  return {
    id: p.id,
    name: p.name,
    formIds: p.formIds,
    teamId: p.teamId,
    policy: presentSettings(p.policy),
    enabled: p.enabled,
    lastState: p.lastState,
    window:
      w && p.policy.limit
        ? {
            startsAt: iso(w.start),
            endsAt: iso(w.end),
            taken: w.taken,
            left: Math.max(0, p.policy.limit.count - w.taken),
          }
        : null,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}
