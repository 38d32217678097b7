import type { BusinessCalendar } from './calendar';
import { DAY_MS, MINUTE_MS, compileCalendar, nextHolidayFrom } from './compiled';
import { isOpenAtMs, walkOpenTime } from './walk';
import { offsetSegmentAt } from './zone-offsets';

/**
 * The business-hours clock. Instants cross the boundary as JS `Date`s; inside, everything is
 * epoch milliseconds, so results are exact to the millisecond (minutes in and out may be
 * fractional: 1.5 business minutes is 90,000 ms).
 */

/** Thrown when a deadline is asked of a business calendar that has no open hour in its week. */
export class CalendarNeverOpensError extends Error {
  readonly code = 'calendar_never_opens' as const;
  constructor(readonly timeZone: string) {
    super(`the business calendar (${timeZone}) has no open hours, so no deadline can be reached`);
    this.name = 'CalendarNeverOpensError';
  }
}

function instantMs(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/**
 * Is the calendar open at this instant? Intervals are half-open: open at 09:00, closed at 17:00.
 * @example isOpenAt(nyWeekdays, new Date('2026-03-09T13:00:00Z')) // Monday 09:00 EDT → true
 */
export function isOpenAt(cal: BusinessCalendar, at: Date): boolean {
  return isOpenAtMs(compileCalendar(cal), instantMs(at, 'at'));
}

/**
 * The instant at which `minutes` of open time have elapsed after `start`: an SLA deadline.
 * Closed time (nights, weekends, holidays) does not count; open time counts in real minutes,
 * so a shift spanning a DST change is an hour shorter or longer. A budget used up exactly at
 * closing time answers the closing time (Friday 17:00, not Monday 09:00). 0 minutes → `start`.
 * @throws CalendarNeverOpensError when a business calendar has no open hour at all.
 * @example
 * // Mon–Fri 09:00–17:00 New York; Friday 16:00 + 120 min → Monday 10:00
 * addBusinessMinutes(nyWeekdays, new Date('2026-01-16T21:00:00Z'), 120) // 2026-01-19T15:00:00Z
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  const startMs = instantMs(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  let leftMs = Math.round(minutes * MINUTE_MS);
  if (leftMs === 0) return new Date(startMs);
  const compiled = compileCalendar(cal);
  if (!compiled.alwaysOpen && compiled.weekOpenMs === 0) throw new CalendarNeverOpensError(cal.timeZone);

  let dueMs = Number.NaN;
  walkOpenTime(compiled, startMs, Infinity, {
    interval(openMs, closeMs) {
      if (closeMs - openMs >= leftMs) {
        dueMs = openMs + leftMs;
        return false;
      }
      leftMs -= closeMs - openMs;
      return true;
    },
    // Strictly less: a budget that ends exactly with the week must still find its closing instant.
    wholeWeek(weekOpenMs) {
      if (weekOpenMs >= leftMs) return false;
      leftMs -= weekOpenMs;
      return true;
    },
  });
  return new Date(dueMs);
}

/**
 * Real minutes of open time between two instants (fractional, millisecond-exact); negative when
 * `to` is before `from`. Inverse of `addBusinessMinutes`: between(s, add(s, m)) === m.
 * @example businessMinutesBetween(nyWeekdays, fri16h, mon10h) // 120
 */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs < fromMs) return -businessMinutesBetween(cal, to, from);
  let totalMs = 0;
  walkOpenTime(compileCalendar(cal), fromMs, toMs, {
    interval(openMs, closeMs) {
      totalMs += closeMs - openMs;
      return true;
    },
    wholeWeek(weekOpenMs) {
      totalMs += weekOpenMs;
      return true;
    },
  });
  return totalMs / MINUTE_MS;
}

/**
 * When the calendar is next open: `at` itself when open now, null when it never opens.
 * @example nextOpenAt(nyWeekdays, saturdayNoon) // Monday 09:00 local
 */
export function nextOpenAt(cal: BusinessCalendar, at: Date): Date | null {
  let opensMs: number | null = null;
  walkOpenTime(compileCalendar(cal), instantMs(at, 'at'), Infinity, {
    interval(openMs) {
      opensMs = openMs;
      return false;
    },
  });
  return opensMs === null ? null : new Date(opensMs);
}

/**
 * The end of the open stretch containing `at` (touching intervals, across midnight too, count as
 * one stretch): `at` itself when closed now, null when it never closes (24/7, or a full week with
 * no holiday ahead). "Is this rep working until the due time?" is `u === null || u >= due`.
 * @example openUntil(nyWeekdays, mondayTenAm) // Monday 17:00 local
 */
export function openUntil(cal: BusinessCalendar, at: Date): Date | null {
  const atMs = instantMs(at, 'at');
  const compiled = compileCalendar(cal);
  if (!isOpenAtMs(compiled, atMs)) return new Date(atMs);
  if (compiled.alwaysOpen) return null;
  if (compiled.fullWeek) {
    const today = Math.floor((atMs + offsetSegmentAt(compiled.timeZone, atMs).offsetMs) / DAY_MS);
    if (nextHolidayFrom(compiled, today) === undefined) return null;
  }
  let endMs = atMs;
  walkOpenTime(compiled, atMs, Infinity, {
    interval(openMs, closeMs) {
      if (openMs > endMs) return false;
      endMs = closeMs;
      return true;
    },
  });
  return new Date(endMs);
}
