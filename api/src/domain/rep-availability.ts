/**
 * Turns a stored rep into a routing candidate: what only the clock can tell (out of office, outside
 * the rep's working hours in the rep's own zone) is annotated here; inactivity and the open-lead
 * maximum are judged by the routing engine from the fields.
 */
import { isOpenAt, type BusinessCalendar } from './business-hours';
import type { RepCandidate, SkipReason } from './routing';

export interface RepAvailabilityInput extends Omit<RepCandidate, 'skipReason'> {
  workingHours: BusinessCalendar | null;
  outOfOffice: ReadonlyArray<{ from: string; to: string }>;
}

function availabilityAt(rep: RepAvailabilityInput, now: Date): SkipReason | null {
  const t = now.getTime();
  if (rep.outOfOffice.some((p) => Date.parse(p.from) <= t && t < Date.parse(p.to))) return 'out_of_office';
  if (rep.workingHours && !isOpenAt(rep.workingHours, now)) return 'outside_working_hours';
  return null;
}

/** @example toCandidate(rep, new Date()) // { id, position, weight, active, openLeads, maxOpenLeads, skipReason } */
export function toCandidate(rep: RepAvailabilityInput, now: Date): RepCandidate {
  return {
    id: rep.id,
    position: rep.position,
    weight: rep.weight,
    active: rep.active,
    openLeads: rep.openLeads,
    maxOpenLeads: rep.maxOpenLeads,
    skipReason: availabilityAt(rep, now),
  };
}
