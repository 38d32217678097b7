import { WEEKDAYS, dateParts, minutesOfDay, type BusinessCalendar } from './calendar';

/**
 * A calendar turned into numbers once per call, so the clock's inner loops do arithmetic only.
 * Local days are "epoch days": days since 1970-01-01 on the wall calendar (no zone involved).
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** [fromDay, toDay], both included. */
export type DayRange = readonly [number, number];
/** [startMs, endMs) since local midnight. */
export type WallSpan = readonly [number, number];

export interface CompiledCalendar {
  timeZone: string;
  alwaysOpen: boolean;
  /** Index 0 is Monday (ISO); spans sorted and touching ones merged. */
  weekly: ReadonlyArray<ReadonlyArray<WallSpan>>;
  /** Wall-clock open time in one week; equals real time while the zone's offset holds still. */
  weekOpenMs: number;
  /** True when every day is open 00:00–24:00: only holidays ever close such a calendar. */
  fullWeek: boolean;
  /** Sorted, merged, inclusive ranges of epoch days. */
  holidays: ReadonlyArray<DayRange>;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by Howard Hinnant's days_from_civil.
 * Plain arithmetic because Date.UTC was the largest cost of compiling a calendar with holidays.
 */
export function epochDayOf(isoDate: string): number {
  const [y, month, day] = dateParts(isoDate);
  const year = month <= 2 ? y - 1 : y; // count years from March, so the leap day ends the year
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 (epoch day 0) was a Thursday. */
export function weekdayIndex(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** Sorts by start unless already sorted: Array.sort's fixed cost dominated compiling a calendar. */
function sortedByStart<T extends readonly [number, number]>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) if (items[i]![0] < items[i - 1]![0]) return items.sort((a, b) => a[0] - b[0]);
  return items;
}

/** Merges overlapping or touching pairs; with `joinGap` 1, consecutive whole days (24th, 25th) merge too. */
function mergePairs(pairs: Array<readonly [number, number]>, joinGap: number): Array<[number, number]> {
  const sorted = sortedByStart(pairs);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i]![0];
    const to = sorted[i]![1];
    const last = out[out.length - 1];
    if (last && from <= last[1] + joinGap) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  const weekly = WEEKDAYS.map((d) =>
    mergePairs(
      cal.weekly[d].map((i): WallSpan => [minutesOfDay(i.start) * MINUTE_MS, minutesOfDay(i.end) * MINUTE_MS]),
      0,
    ),
  );
  const weekOpenMs = weekly.reduce((sum, day) => sum + day.reduce((s, span) => s + (span[1] - span[0]), 0), 0);
  const holidays = mergePairs(
    cal.holidays.map(
      (h): DayRange =>
        'date' in h ? [epochDayOf(h.date), epochDayOf(h.date)] : [epochDayOf(h.from), epochDayOf(h.to)],
    ),
    1,
  );
  return {
    timeZone: cal.timeZone,
    alwaysOpen: cal.mode === 'calendar',
    weekly,
    weekOpenMs,
    fullWeek: weekOpenMs === 7 * DAY_MS,
    holidays,
  };
}

/** Index of the first holiday range that ends on or after `day` (holidays.length when none). */
function firstRangeEndingFrom(holidays: ReadonlyArray<DayRange>, day: number): number {
  let lo = 0;
  let hi = holidays.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holidays[mid]![1] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The holiday range covering `day`, if any. */
export function holidayCovering(cal: CompiledCalendar, day: number): DayRange | undefined {
  const range = cal.holidays[firstRangeEndingFrom(cal.holidays, day)];
  return range && range[0] <= day ? range : undefined;
}

/** True when any day in [fromDay, toDay] is a holiday. */
export function hasHolidayBetween(cal: CompiledCalendar, fromDay: number, toDay: number): boolean {
  const range = cal.holidays[firstRangeEndingFrom(cal.holidays, fromDay)];
  return range !== undefined && range[0] <= toDay;
}

/** The first holiday day on or after `day`, or undefined when none is left. */
export function nextHolidayFrom(cal: CompiledCalendar, day: number): number | undefined {
  const range = cal.holidays[firstRangeEndingFrom(cal.holidays, day)];
  return range === undefined ? undefined : Math.max(range[0], day);
}
