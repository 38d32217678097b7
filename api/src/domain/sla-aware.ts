/**
 * SLA-aware routing, as an annotation of the candidates before the strategy picks: a lead should not
 * go to someone whose shift ends five minutes from now when a colleague works until its due time.
 */
import { ALWAYS_OPEN, type BusinessCalendar } from './business-hours';
import { skipReasonOf, type RepCandidate } from './routing';
import { rankBySlaFit } from './sla';

export type CalendarOf = (repId: string) => BusinessCalendar | null;

/**
 * Keeps the reps working through `due` (the strategy then picks among them as usual). When none is,
 * keeps only the one who can answer soonest, taking a rep who is merely off-hours now if need be.
 * @example slaAwareCandidates(reps, calendarOf, due, now) // others marked 'ends_before_due'
 */
export function slaAwareCandidates(
  candidates: readonly RepCandidate[],
  calendarOf: CalendarOf,
  due: Date,
  now: Date,
): RepCandidate[] {
  const withCalendar = (c: RepCandidate) => ({ ...c, calendar: calendarOf(c.id) ?? ALWAYS_OPEN });
  const available = candidates.filter((c) => skipReasonOf(c) === null);
  const covering = new Set(
    rankBySlaFit(available.map(withCalendar), due, now)
      .filter((f) => f.coversDue)
      .map((f) => f.rep.id),
  );
  if (covering.size > 0) {
    return candidates.map((c) =>
      skipReasonOf(c) === null && !covering.has(c.id) ? { ...c, skipReason: 'ends_before_due' } : c,
    );
  }
  // Nobody covers the due time: whoever is at work soonest (off-hours reps count here).
  const reachable = candidates.filter((c) => skipReasonOf(c) === null || skipReasonOf(c) === 'outside_working_hours');
  const best = rankBySlaFit(reachable.map(withCalendar), due, now).find((f) => f.opensAt !== null)?.rep.id;
  if (!best) return [...candidates];
  return candidates.map((c) =>
    c.id === best
      ? { ...c, skipReason: null }
      : skipReasonOf(c) === null || skipReasonOf(c) === 'outside_working_hours'
        ? { ...c, skipReason: 'answers_later' }
        : c,
  );
}
