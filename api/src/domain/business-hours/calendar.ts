import { z } from '../zod';

/**
 * A business-hours calendar: when a team is at work, in its own time zone.
 *
 * Open intervals are local wall-clock times (what the office clock shows), so "09:00–17:00"
 * stays 09:00–17:00 across DST changes; elapsed minutes measured against them are real minutes.
 * Intervals are half-open: `09:00–17:00` is open at 09:00 and closed at 17:00.
 * Holidays close whole local days; a `{ from, to }` range includes both ends.
 * Mode `calendar` means 24/7: always open, weekly and holidays are ignored.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** 'HH:MM' → minutes since local midnight ('24:00' → 1440). Assumes the string passed the schema. */
export function minutesOfDay(hhmm: string): number {
  // Digit arithmetic, not Number(slice): this runs for every interval on every clock call.
  return (digit(hhmm, 0) * 10 + digit(hhmm, 1)) * 60 + digit(hhmm, 3) * 10 + digit(hhmm, 4);
}

/** 'YYYY-MM-DD' → [year, month 1–12, day]. Assumes the string passed the schema. */
export function dateParts(isoDate: string): [number, number, number] {
  const year = digit(isoDate, 0) * 1000 + digit(isoDate, 1) * 100 + digit(isoDate, 2) * 10 + digit(isoDate, 3);
  return [year, digit(isoDate, 5) * 10 + digit(isoDate, 6), digit(isoDate, 8) * 10 + digit(isoDate, 9)];
}

/** True when `timeZone` is a zone name Intl knows ('Europe/Paris', 'UTC'); bare offsets are refused. */
export function isIanaTimeZone(timeZone: string): boolean {
  if (/^[+-]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export const OpenInterval = z
  .object({
    start: z.string().regex(TIME_OF_DAY, 'start must be HH:MM between 00:00 and 23:59'),
    end: z.string().regex(END_OF_DAY, 'end must be HH:MM between 00:01 and 24:00'),
  })
  .refine((i) => minutesOfDay(i.start) < minutesOfDay(i.end), {
    message: 'an open interval must end after it starts (use 24:00 for midnight)',
    path: ['end'],
  });
export type OpenInterval = z.infer<typeof OpenInterval>;

/** A day's intervals, in any order, that must not overlap (touching, 12:00–13:00 after 09:00–12:00, is fine). */
const DayIntervals = z
  .array(OpenInterval)
  .default([])
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
    for (let i = 1; i < sorted.length; i++) {
      if (minutesOfDay(sorted[i]!.start) < minutesOfDay(sorted[i - 1]!.end)) {
        ctx.addIssue({
          code: 'custom',
          message: `open intervals overlap: ${sorted[i - 1]!.start}–${sorted[i - 1]!.end} and ${sorted[i]!.start}–${sorted[i]!.end}`,
        });
      }
    }
  });

export const WeeklySchedule = z
  .object({
    mon: DayIntervals,
    tue: DayIntervals,
    wed: DayIntervals,
    thu: DayIntervals,
    fri: DayIntervals,
    sat: DayIntervals,
    sun: DayIntervals,
  })
  .prefault({});
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

const LocalDate = z.string().refine(isRealDate, 'expected a real date as YYYY-MM-DD');

// Bounds that keep every clock walk short: the clock's cost grows with the span it crosses, and a
// "holiday" of decades is a data-entry mistake, not a closure.
const HolidayDate = LocalDate.refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'a date between 2000 and 2100');
const MAX_RANGE_DAYS = 366;
const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

export const Holiday = z.union([
  z.strictObject({ date: HolidayDate }),
  z
    .strictObject({ from: HolidayDate, to: HolidayDate })
    .refine((r) => r.from <= r.to, { message: 'a holiday range must not end before it starts', path: ['to'] })
    .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
      message: `a holiday range spans at most ${MAX_RANGE_DAYS} days`,
      path: ['to'],
    }),
]);
export type Holiday = z.infer<typeof Holiday>;

/**
 * @example
 * BusinessCalendar.parse({
 *   timeZone: 'America/New_York', mode: 'business',
 *   weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
 *   holidays: [{ date: '2026-12-25' }, { from: '2026-12-28', to: '2026-12-31' }],
 * });
 */
export const BusinessCalendar = z
  .object({
    timeZone: z.string().refine(isIanaTimeZone, 'expected an IANA time zone such as "Europe/Paris"'),
    mode: z.enum(['business', 'calendar']),
    weekly: WeeklySchedule,
    holidays: z.array(Holiday).default([]),
  })
  .refine((c) => c.mode === 'calendar' || WEEKDAYS.some((d) => c.weekly[d].length > 0), {
    // A business calendar with no open hour would put every due time at "never":
    // refuse it here so the clock functions only meet one when built by hand.
    message: 'a business calendar needs at least one open interval (use mode "calendar" for 24/7)',
    path: ['weekly'],
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendar>;

const NO_HOURS: WeeklySchedule = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** The 24/7 calendar, used when an SLA runs on calendar time. */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  mode: 'calendar',
  weekly: NO_HOURS,
  holidays: [],
});
