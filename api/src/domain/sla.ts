/**
 * SLA math: when a lead's first response is due, when to warn, how pauses move the due time,
 * how a response time splits into Inlet's part and the rep's part, and which rep can answer in
 * time. Pure: every instant comes in as an argument.
 */
import { z } from './zod';
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  nextOpenAt,
  openUntil,
  type BusinessCalendar,
} from './business-hours';

const MINUTE_MS = 60_000;
/** A year of minutes: a larger promise is a typo, and it keeps deadline walks bounded. */
const MAX_TARGET_MINUTES = 525_600;

/**
 * @example SlaTargets.parse({ firstResponseMinutes: 60, clock: 'business', warnAtFraction: 0.75 })
 */
export const SlaTargets = z.object({
  firstResponseMinutes: z.number().int().positive().max(MAX_TARGET_MINUTES),
  followUpMinutes: z.number().int().positive().max(MAX_TARGET_MINUTES).optional(),
  clock: z.enum(['business', 'calendar']),
  warnAtFraction: z.number().gt(0).lt(1).optional(),
});
export type SlaTargets = z.infer<typeof SlaTargets>;

/** A stretch during which the SLA clock stood still (e.g. waiting on the lead's reply); `to: null` is still paused. */
export interface SlaPause {
  from: Date;
  to: Date | null;
}

/** The calendar the clock runs on: calendar-time targets ignore business hours. */
function clockCalendar(targets: SlaTargets, calendar: BusinessCalendar | null): BusinessCalendar {
  if (targets.clock === 'calendar') return ALWAYS_OPEN;
  if (!calendar) throw new TypeError('an SLA measured in business time needs a business-hours calendar');
  return calendar;
}

/** Pauses clipped to start at `fromMs`, sorted and merged, as [fromMs, toMs) with Infinity for "still paused". */
function normalisePauses(pauses: readonly SlaPause[], fromMs: number): Array<[number, number]> {
  const spans = pauses
    .map((p): [number, number] => [Math.max(p.from.getTime(), fromMs), p.to ? p.to.getTime() : Infinity])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * `minutes` of running clock after `start`, where the clock runs in the calendar's open time and
 * stands still during pauses (as Zendesk's pausable SLAs do). Null while a pause is still open.
 */
function addRunningMinutes(
  cal: BusinessCalendar,
  start: Date,
  minutes: number,
  pauses: readonly SlaPause[],
): Date | null {
  let cursor = start;
  let left = minutes;
  for (const [pauseFrom, pauseTo] of normalisePauses(pauses, start.getTime())) {
    if (pauseFrom > cursor.getTime()) {
      const due = addBusinessMinutes(cal, cursor, left);
      if (due.getTime() <= pauseFrom) return due; // ran out before (or exactly as) the pause began
      left -= businessMinutesBetween(cal, cursor, new Date(pauseFrom));
    }
    if (pauseTo === Infinity) return null;
    cursor = new Date(pauseTo);
  }
  return addBusinessMinutes(cal, cursor, left);
}

/** Minutes the clock ran between two instants: open time in the calendar, paused time left out. */
export function runningMinutesBetween(
  cal: BusinessCalendar,
  from: Date,
  to: Date,
  pauses: readonly SlaPause[] = [],
): number {
  let minutes = businessMinutesBetween(cal, from, to);
  for (const [pauseFrom, pauseTo] of normalisePauses(pauses, from.getTime())) {
    if (pauseFrom >= to.getTime()) break;
    minutes -= businessMinutesBetween(cal, new Date(pauseFrom), new Date(Math.min(pauseTo, to.getTime())));
  }
  return minutes;
}

/**
 * The first-response due time, with the clock paused during `pauses`; null while a pause is open.
 * @example
 * // 60 business minutes, New York office hours, lead created Friday 16:30 with a pause 16:40–16:50
 * dueWithPauses(targets, nyOffice, fri1630, [{ from: fri1640, to: fri1650 }]) // Monday 09:40
 */
export function dueWithPauses(
  targets: SlaTargets,
  calendar: BusinessCalendar | null,
  createdAt: Date,
  pauses: readonly SlaPause[],
): Date | null {
  return addRunningMinutes(clockCalendar(targets, calendar), createdAt, targets.firstResponseMinutes, pauses);
}

/**
 * The first-response due time of a lead created at `createdAt` (no pauses).
 * @example firstResponseDue({ firstResponseMinutes: 30, clock: 'calendar' }, null, createdAt) // createdAt + 30 min
 */
export function firstResponseDue(targets: SlaTargets, calendar: BusinessCalendar | null, createdAt: Date): Date {
  return addBusinessMinutes(clockCalendar(targets, calendar), createdAt, targets.firstResponseMinutes);
}

/**
 * When the warning fires: `warnAtFraction` of the target on the same clock, pauses included.
 * Null when the policy has no warning or a pause is still open.
 * @example warningAt({ firstResponseMinutes: 60, clock: 'calendar', warnAtFraction: 0.75 }, null, t) // t + 45 min
 */
export function warningAt(
  targets: SlaTargets,
  calendar: BusinessCalendar | null,
  createdAt: Date,
  pauses: readonly SlaPause[] = [],
): Date | null {
  if (targets.warnAtFraction === undefined) return null;
  const minutes = targets.firstResponseMinutes * targets.warnAtFraction;
  return addRunningMinutes(clockCalendar(targets, calendar), createdAt, minutes, pauses);
}

/**
 * When to warn before a follow-up is due: `warnAtFraction` of the follow-up target after the last
 * touch, on the same clock. Null without a follow-up target or a warning.
 * @example followUpWarningAt({ firstResponseMinutes: 30, followUpMinutes: 120, clock: 'calendar', warnAtFraction: 0.5 }, null, t) // t + 60 min
 */
export function followUpWarningAt(
  targets: SlaTargets,
  calendar: BusinessCalendar | null,
  lastTouchAt: Date,
): Date | null {
  if (targets.followUpMinutes === undefined || targets.warnAtFraction === undefined) return null;
  return addBusinessMinutes(
    clockCalendar(targets, calendar),
    lastTouchAt,
    targets.followUpMinutes * targets.warnAtFraction,
  );
}

/**
 * When the next touch is due after the last one; null when the policy sets no follow-up target.
 * @example followUpDue({ firstResponseMinutes: 30, followUpMinutes: 1440, clock: 'calendar' }, null, contactedAt)
 */
export function followUpDue(targets: SlaTargets, calendar: BusinessCalendar | null, lastTouchAt: Date): Date | null {
  if (targets.followUpMinutes === undefined) return null;
  return addBusinessMinutes(clockCalendar(targets, calendar), lastTouchAt, targets.followUpMinutes);
}

/**
 * Is the SLA breached? Answered: only when the answer came after the due time (exactly at due is
 * in time). Unanswered: once `now` is past due. No due time (clock paused) is never breached.
 * @example isBreached(due, new Date(due.getTime() - 1000), now) // false: answered a second early
 */
export function isBreached(due: Date | null, respondedAt: Date | null, now: Date): boolean {
  if (due === null) return false;
  return respondedAt ? respondedAt.getTime() > due.getTime() : now.getTime() > due.getTime();
}

export interface ResponseTimeInput {
  createdAt: Date;
  assignedAt: Date | null;
  notifiedAt: Date | null;
  firstResponseAt: Date | null;
  pauses: readonly SlaPause[];
}

export interface ResponseTimes {
  /** SLA clock time created → first response in the calendar's open hours, paused time left out. */
  businessMinutes: number | null;
  /** The same in calendar time: real minutes, paused time left out. */
  calendarMinutes: number | null;
  /** Real minutes the clock stood paused between creation and the first response. */
  pausedMinutes: number | null;
  /** created → assigned to a rep (routing). */
  assignmentDelaySeconds: number | null;
  /** created → the rep was notified: Inlet's own part of the response time. */
  systemDelaySeconds: number | null;
  /** notified → first response: the rep's part (0 when the rep answered before the notice arrived). */
  repDelaySeconds: number | null;
}

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, to.getTime() - from.getTime()) / 1000 : null;

/**
 * Splits a response time for the SLA report; fields are null when their instants are not known yet.
 * Delays are raw elapsed seconds (millisecond precision); minutes are SLA clock time.
 * @example responseTimes(nyOffice, { createdAt, assignedAt, notifiedAt, firstResponseAt, pauses: [] })
 */
export function responseTimes(cal: BusinessCalendar, input: ResponseTimeInput): ResponseTimes {
  const { createdAt, firstResponseAt, pauses } = input;
  // A response stamped before the lead (clocks of two systems disagreeing) counts as instant.
  const answered = firstResponseAt ? new Date(Math.max(firstResponseAt.getTime(), createdAt.getTime())) : null;
  const calendarMinutes = answered ? runningMinutesBetween(ALWAYS_OPEN, createdAt, answered, pauses) : null;
  return {
    businessMinutes: answered ? runningMinutesBetween(cal, createdAt, answered, pauses) : null,
    calendarMinutes,
    pausedMinutes:
      answered && calendarMinutes !== null
        ? (answered.getTime() - createdAt.getTime()) / MINUTE_MS - calendarMinutes
        : null,
    assignmentDelaySeconds: seconds(createdAt, input.assignedAt),
    systemDelaySeconds: seconds(createdAt, input.notifiedAt),
    repDelaySeconds: seconds(input.notifiedAt, firstResponseAt),
  };
}

/** Where a rep stands against a due time. */
export interface SlaFit<Rep> {
  rep: Rep;
  /** Open now and staying open until the due time: can answer in time without waiting. */
  coversDue: boolean;
  /** When the rep is next at work: `now` when working now, null when never. */
  opensAt: Date | null;
  /** End of the shift starting at `opensAt`; null when it never ends. */
  worksUntil: Date | null;
}

function fitOf<Rep extends { calendar: BusinessCalendar }>(rep: Rep, due: Date, now: Date): SlaFit<Rep> {
  const opensAt = nextOpenAt(rep.calendar, now);
  const worksUntil = opensAt ? openUntil(rep.calendar, opensAt) : null;
  const coversDue =
    opensAt?.getTime() === now.getTime() && (worksUntil === null || worksUntil.getTime() >= due.getTime());
  return { rep, coversDue, opensAt, worksUntil };
}

const NEVER = Number.POSITIVE_INFINITY;
const compare = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * SLA-aware routing: rank eligible reps so a lead does not go to someone whose shift ends in five
 * minutes. First, reps working now through the due time (input order kept, so a round-robin order
 * survives); then everyone else by who is at work soonest, the longer shift first on a tie.
 * @example rankBySlaFit([{ id: 'ana', calendar: tokyo }, { id: 'bo', calendar: paris }], due, now)[0]?.rep.id
 */
export function rankBySlaFit<Rep extends { calendar: BusinessCalendar }>(
  reps: readonly Rep[],
  due: Date,
  now: Date,
): Array<SlaFit<Rep>> {
  const opens = (f: SlaFit<Rep>) => f.opensAt?.getTime() ?? NEVER;
  const until = (f: SlaFit<Rep>) => f.worksUntil?.getTime() ?? NEVER;
  return reps
    .map((rep) => fitOf(rep, due, now))
    .sort((a, b) => {
      if (a.coversDue !== b.coversDue) return a.coversDue ? -1 : 1;
      if (a.coversDue) return 0;
      return compare(opens(a), opens(b)) || compare(until(b), until(a));
    });
}
