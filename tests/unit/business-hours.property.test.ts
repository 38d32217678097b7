import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpenAt,
  openUntil,
  type BusinessCalendar,
} from '../../api/src/domain/business-hours';

// Random calendars in zones with DST in either hemisphere, half-hour offsets and a 30-minute
// DST shift (Lord Howe), over 2026 so every run crosses transitions.
const ZONES = [
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Europe/London',
  'UTC',
];
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);
const MINUTE = 60_000;

const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** A day's intervals: sorted distinct quarter-hour boundaries taken in pairs (so they never overlap). */
const dayIntervals = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((bounds) => {
  const sorted = [...bounds].sort((a, b) => a - b);
  const out: Array<{ start: string; end: string }> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  return out;
});

const localDate = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(YEAR_START + d * 86_400_000).toISOString().slice(0, 10));
const holiday = fc.oneof(
  localDate.map((date) => ({ date })),
  fc.tuple(localDate, localDate).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
);

const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.record({
      mon: dayIntervals,
      tue: dayIntervals,
      wed: dayIntervals,
      thu: dayIntervals,
      fri: dayIntervals,
      sat: dayIntervals,
      sun: dayIntervals,
    }),
    holidays: fc.array(holiday, { maxLength: 3 }),
  })
  .filter((c) => WEEKDAYS.some((d) => c.weekly[d].length > 0))
  .map((c) => ({ ...c, mode: 'business' as const }));

const instantIn2026 = fc.integer({ min: YEAR_START, max: YEAR_END }).map((ms) => new Date(ms));
const minuteIn2026 = fc.integer({ min: YEAR_START / MINUTE, max: YEAR_END / MINUTE }).map((m) => new Date(m * MINUTE));

/**
 * An oracle that shares no code with the clock: Intl tells the wall clock at an instant, and
 * the calendar's strings are compared directly.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockParts(timeZone: string, instant: Date): Intl.DateTimeFormatPart[] {
  let format = formatters.get(timeZone);
  if (!format) {
    const options = {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    } as const;
    formatters.set(timeZone, (format = new Intl.DateTimeFormat('en-US', options)));
  }
  return format.formatToParts(instant);
}

function oracleIsOpen(cal: BusinessCalendar, instant: Date): boolean {
  const parts = wallClockParts(cal.timeZone, instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  if (cal.holidays.some((h) => ('date' in h ? h.date === date : h.from <= date && date <= h.to))) return false;
  const day = part('weekday').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
  const time = `${part('hour')}:${part('minute')}`;
  return cal.weekly[day].some((i) => i.start <= time && time < i.end);
}

describe('business-hours clock properties', () => {
  it('round-trips: the business minutes up to a deadline equal the budget', () => {
    fc.assert(
      fc.property(calendarArb, instantIn2026, fc.integer({ min: 0, max: 60_000 }), (cal, start, minutes) => {
        const due = addBusinessMinutes(cal, start, minutes);
        expect(businessMinutesBetween(cal, start, due)).toBeCloseTo(minutes, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('lands every positive deadline in open time or at its closing instant', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantIn2026,
        fc.double({ min: 0.001, max: 5000, noNaN: true }),
        (cal, start, minutes) => {
          const due = addBusinessMinutes(cal, start, minutes);
          expect(isOpenAt(cal, new Date(due.getTime() - 1))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the budget and in the start', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantIn2026,
        fc.nat(40_000),
        fc.nat(40_000),
        fc.nat(7 * 86_400_000),
        (cal, start, m1, m2, shift) => {
          const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1];
          expect(addBusinessMinutes(cal, start, small).getTime()).toBeLessThanOrEqual(
            addBusinessMinutes(cal, start, large).getTime(),
          );
          const later = new Date(start.getTime() + shift);
          expect(addBusinessMinutes(cal, start, small).getTime()).toBeLessThanOrEqual(
            addBusinessMinutes(cal, later, small).getTime(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adds up: minutes from a to c equal a→b plus b→c', () => {
    fc.assert(
      fc.property(calendarArb, instantIn2026, instantIn2026, instantIn2026, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const whole = businessMinutesBetween(cal, a, c);
        expect(whole).toBeCloseTo(businessMinutesBetween(cal, a, b) + businessMinutesBetween(cal, b, c), 6);
        expect(businessMinutesBetween(cal, c, a)).toBeCloseTo(-whole, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees minute by minute with an Intl-based oracle, DST days included', () => {
    fc.assert(
      fc.property(calendarArb, minuteIn2026, fc.integer({ min: 1, max: 3 * 24 * 60 }), (cal, from, span) => {
        let openMinutes = 0;
        for (let m = 0; m < span; m++) {
          const instant = new Date(from.getTime() + m * MINUTE);
          const open = oracleIsOpen(cal, instant);
          if (open) openMinutes++;
          if (m % 97 === 0) expect(isOpenAt(cal, instant)).toBe(open);
        }
        expect(businessMinutesBetween(cal, from, new Date(from.getTime() + span * MINUTE))).toBe(openMinutes);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the oracle on the DST days themselves', () => {
    // Local midnights before each 2026 transition, so every run covers a gap or an overlap.
    const dstDays = fc.constantFrom(
      ['America/New_York', '2026-03-08T05:00:00Z'],
      ['America/New_York', '2026-11-01T04:00:00Z'],
      ['Australia/Sydney', '2026-04-04T13:00:00Z'],
      ['Australia/Sydney', '2026-10-03T14:00:00Z'],
      ['Australia/Adelaide', '2026-04-04T13:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T13:00:00Z'],
    );
    fc.assert(
      fc.property(calendarArb, dstDays, (cal, [timeZone, midnight]) => {
        const zoned = { ...cal, timeZone: timeZone!, holidays: [] };
        const from = new Date(midnight!);
        let openMinutes = 0;
        for (let m = 0; m < 26 * 60; m++) if (oracleIsOpen(zoned, new Date(from.getTime() + m * MINUTE))) openMinutes++;
        expect(businessMinutesBetween(zoned, from, new Date(from.getTime() + 26 * 60 * MINUTE))).toBe(openMinutes);
      }),
      { numRuns: 150 },
    );
  });

  it('nextOpenAt is open and nothing before it is; openUntil bounds an unbroken open stretch', () => {
    fc.assert(
      fc.property(calendarArb, instantIn2026, (cal, at) => {
        const opens = nextOpenAt(cal, at)!;
        expect(isOpenAt(cal, opens)).toBe(true);
        expect(businessMinutesBetween(cal, at, opens)).toBe(0);
        const until = openUntil(cal, opens);
        if (until === null) return;
        expect(businessMinutesBetween(cal, opens, until)).toBeCloseTo((until.getTime() - opens.getTime()) / MINUTE, 9);
        expect(isOpenAt(cal, until)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
