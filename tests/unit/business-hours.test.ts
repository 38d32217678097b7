import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  CalendarNeverOpensError,
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpenAt,
  openUntil,
  type BusinessCalendarInput,
} from '../../api/src/domain/business-hours';

// Every expected instant below is worked out by hand from the zone's offsets (noted beside it),
// never by the code under test. Offsets: New York EST −5 / EDT −4 (DST 2026-03-08 → 2026-11-01),
// Sydney AEST +10 / AEDT +11 (DST ends 2026-04-05, starts 2026-10-04), Kolkata IST +5:30,
// Adelaide ACST +9:30 / ACDT +10:30 (same dates as Sydney).
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const cal = (input: BusinessCalendarInput) => BusinessCalendar.parse(input);
const weekdays = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day };
};

const nyOffice = cal({
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: weekdays('09:00', '17:00'),
  holidays: [{ from: '2026-12-24', to: '2026-12-26' }, { date: '2027-01-01' }],
});

describe('addBusinessMinutes: nights, weekends, holidays (New York, Mon–Fri 09:00–17:00)', () => {
  it('carries a deadline over a weeknight', () => {
    // Tue 2026-01-13 16:30 EST (21:30Z): 30 min until 17:00, 30 more from Wed 09:00 → Wed 09:30 EST = 14:30Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-13T21:30:00Z'), 60))).toBe('2026-01-14T14:30:00.000Z');
  });

  it('carries a deadline over a weekend', () => {
    // Fri 2026-01-16 16:00 EST (21:00Z): 60 min Friday, 60 from Mon 09:00 → Mon 10:00 EST = 15:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-16T21:00:00Z'), 120))).toBe('2026-01-19T15:00:00.000Z');
  });

  it('skips a holiday range and a single holiday date', () => {
    // Wed 2026-12-23 16:00 EST: 60 min Wed; Thu 24–Sat 26 holidays, Sun closed; Mon 28 09:00 + 120 → 11:00 EST = 16:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-12-23T21:00:00Z'), 180))).toBe('2026-12-28T16:00:00.000Z');
    // Thu 2026-12-31 16:00 EST: 60 min Thu; Fri 2027-01-01 holiday; Mon 01-04 09:00 + 60 → 10:00 EST = 15:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-12-31T21:00:00Z'), 120))).toBe('2027-01-04T15:00:00.000Z');
  });

  it('starts counting at opening time when created at night', () => {
    // Sat 2026-01-17 noon: nothing until Mon 09:00 EST (14:00Z), + 30 → 14:30Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-17T17:00:00Z'), 30))).toBe('2026-01-19T14:30:00.000Z');
  });

  it('answers the closing time when the budget runs out exactly at closing', () => {
    // Fri 2026-01-16 09:00 EST + 480 → Fri 17:00 EST = 22:00Z, not Monday 09:00
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-16T14:00:00Z'), 480))).toBe('2026-01-16T22:00:00.000Z');
  });

  it('ends a budget of exactly one week at Friday closing, not the next Monday', () => {
    // Mon 2026-01-05 00:00 EST (05:00Z) + 2400 = five 8-hour days → Fri 01-09 17:00 EST = 22:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-05T05:00:00Z'), 2400))).toBe('2026-01-09T22:00:00.000Z');
  });

  it('answers the start itself for a zero budget', () => {
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-17T17:00:00Z'), 0))).toBe('2026-01-17T17:00:00.000Z');
  });

  // Its cost is a figure in bench/business-hours.bench.ts (against plain calendar addition), not a test.
  it('walks a 100,000-minute budget across both DST changes to the minute', () => {
    // Mon 2026-01-05 09:00 EST: 2400 min a week → 41 weeks (98,400) reach Mon 2026-10-19 09:00;
    // 1600 left = Mon–Wed (1440) + 160 min Thu 10-22 → 11:40 EDT = 15:40Z (no holiday before December)
    expect(iso(addBusinessMinutes(nyOffice, at('2026-01-05T14:00:00Z'), 100_000))).toBe('2026-10-22T15:40:00.000Z');
  });

  it('refuses a negative budget', () => {
    expect(() => addBusinessMinutes(nyOffice, at('2026-01-05T14:00:00Z'), -1)).toThrow(RangeError);
  });
});

describe('addBusinessMinutes across US DST (America/New_York)', () => {
  const sundayDesk = cal({
    timeZone: 'America/New_York',
    mode: 'business',
    weekly: { sun: [{ start: '00:00', end: '24:00' }] },
  });

  it('counts real minutes on the 23-hour spring-forward Sunday', () => {
    // Sun 2026-03-08 00:00 EST = 05:00Z; 180 real minutes → 08:00Z, which the wall clock shows as 04:00 EDT
    expect(iso(addBusinessMinutes(sundayDesk, at('2026-03-08T05:00:00Z'), 180))).toBe('2026-03-08T08:00:00.000Z');
    // The day has 23 real hours: 00:00 EST (05:00Z) to next midnight 00:00 EDT (04:00Z)
    expect(businessMinutesBetween(sundayDesk, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * 60);
  });

  it('opens an interval that starts inside the spring-forward gap at the transition', () => {
    // 02:30 does not exist on 2026-03-08; the wall clock first shows a time past 02:30 at 03:00 EDT = 07:00Z.
    const gapDesk = cal({
      timeZone: 'America/New_York',
      mode: 'business',
      weekly: { sun: [{ start: '02:30', end: '05:00' }] },
    });
    expect(iso(nextOpenAt(gapDesk, at('2026-03-07T17:00:00Z')))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(addBusinessMinutes(gapDesk, at('2026-03-07T17:00:00Z'), 30))).toBe('2026-03-08T07:30:00.000Z');
    // 03:00–05:00 EDT: two real hours that Sunday
    expect(businessMinutesBetween(gapDesk, at('2026-03-07T17:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(120);
  });

  it('closes an interval that ends inside the gap at the transition', () => {
    // 00:00–02:30 on 2026-03-08 runs 00:00 EST (05:00Z) to the jump at 07:00Z: 120 minutes
    const earlyDesk = cal({
      timeZone: 'America/New_York',
      mode: 'business',
      weekly: { sun: [{ start: '00:00', end: '02:30' }] },
    });
    expect(businessMinutesBetween(earlyDesk, at('2026-03-07T17:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(120);
  });

  it('counts real minutes on the 25-hour fall-back Sunday', () => {
    // Sun 2026-11-01 00:00 EDT = 04:00Z; 180 real minutes → 07:00Z = 02:00 EST on the wall
    expect(iso(addBusinessMinutes(sundayDesk, at('2026-11-01T04:00:00Z'), 180))).toBe('2026-11-01T07:00:00.000Z');
    // 00:00 EDT (04:00Z) to 00:00 EST next day (05:00Z): 25 hours
    expect(businessMinutesBetween(sundayDesk, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * 60);
  });

  it('opens twice an interval inside the hour that happens twice', () => {
    // 01:00–01:30 on 2026-11-01 happens in EDT (05:00–05:30Z) and again in EST (06:00–06:30Z)
    const repeatDesk = cal({
      timeZone: 'America/New_York',
      mode: 'business',
      weekly: { sun: [{ start: '01:00', end: '01:30' }] },
    });
    // Sat 12:00 EDT (16:00Z) + 45: 30 in the EDT pass, 15 in the EST pass → 06:15Z
    expect(iso(addBusinessMinutes(repeatDesk, at('2026-10-31T16:00:00Z'), 45))).toBe('2026-11-01T06:15:00.000Z');
    expect(businessMinutesBetween(repeatDesk, at('2026-10-31T16:00:00Z'), at('2026-11-02T12:00:00Z'))).toBe(60);
    expect(isOpenAt(repeatDesk, at('2026-11-01T05:45:00Z'))).toBe(false); // 01:45 EDT, between the two passes
  });

  it('handles a DST jump at midnight (America/Santiago, 2026-09-06 has no 00:00)', () => {
    // 2026-09-05 24:00 −04 jumps to 09-06 01:00 −03 (04:00Z): a Sunday 00:00–02:00 shift runs 04:00Z–05:00Z only.
    // (Hand-checked against Intl's tzdata for Chile's current rule.)
    const santiago = cal({
      timeZone: 'America/Santiago',
      mode: 'business',
      weekly: { sun: [{ start: '00:00', end: '02:00' }] },
    });
    expect(iso(nextOpenAt(santiago, at('2026-09-05T12:00:00Z')))).toBe('2026-09-06T04:00:00.000Z');
    expect(businessMinutesBetween(santiago, at('2026-09-05T12:00:00Z'), at('2026-09-07T12:00:00Z'))).toBe(60);
  });

  it('keeps weekday office hours in local time across both DST weekends', () => {
    // Fri 2026-03-06 16:00 EST (21:00Z) + 120: 60 Fri, Mon 03-09 09:00 EDT + 60 → 10:00 EDT = 14:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-03-06T21:00:00Z'), 120))).toBe('2026-03-09T14:00:00.000Z');
    // Fri 2026-10-30 16:00 EDT (20:00Z) + 120: 60 Fri, Mon 11-02 09:00 EST + 60 → 10:00 EST = 15:00Z
    expect(iso(addBusinessMinutes(nyOffice, at('2026-10-30T20:00:00Z'), 120))).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('addBusinessMinutes in the southern hemisphere and half-hour zones', () => {
  it('Australia/Sydney: Easter holidays on the weekend DST ends', () => {
    // Mon–Fri 09:00–17:00, Good Friday 04-03 and Easter Monday 04-06 off; DST ends Sun 04-05.
    const sydney = cal({
      timeZone: 'Australia/Sydney',
      mode: 'business',
      weekly: weekdays('09:00', '17:00'),
      holidays: [{ date: '2026-04-03' }, { date: '2026-04-06' }],
    });
    // Thu 04-02 16:00 AEDT (+11) = 05:00Z: 60 Thu; Tue 04-07 09:00 AEST (+10) + 60 → 10:00 AEST = 00:00Z Tue
    expect(iso(addBusinessMinutes(sydney, at('2026-04-02T05:00:00Z'), 120))).toBe('2026-04-07T00:00:00.000Z');
  });

  it('Australia/Sydney: Labour Day on the weekend DST starts', () => {
    const sydney = cal({
      timeZone: 'Australia/Sydney',
      mode: 'business',
      weekly: weekdays('09:00', '17:00'),
      holidays: [{ date: '2026-10-05' }],
    });
    // Fri 10-02 16:30 AEST (+10) = 06:30Z: 30 Fri; Mon 10-05 holiday; Tue 09:00 AEDT (+11) + 60 → 10:00 AEDT = 23:00Z Mon
    expect(iso(addBusinessMinutes(sydney, at('2026-10-02T06:30:00Z'), 90))).toBe('2026-10-05T23:00:00.000Z');
  });

  it('Australia/Sydney: the day DST ends has 25 real hours', () => {
    const sundayDesk = cal({
      timeZone: 'Australia/Sydney',
      mode: 'business',
      weekly: { sun: [{ start: '00:00', end: '24:00' }] },
    });
    // Sun 04-05 00:00 AEDT (+11) = 04-04 13:00Z; Mon 00:00 AEST (+10) = 04-05 14:00Z
    expect(businessMinutesBetween(sundayDesk, at('2026-04-04T13:00:00Z'), at('2026-04-05T14:00:00Z'))).toBe(25 * 60);
  });

  it('Asia/Kolkata (+05:30): Republic Day and a lunch break', () => {
    const kolkata = cal({
      timeZone: 'Asia/Kolkata',
      mode: 'business',
      weekly: {
        ...weekdays('10:00', '18:00'),
        wed: [
          { start: '10:00', end: '13:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
      holidays: [{ date: '2026-01-26' }],
    });
    // Fri 01-23 17:00 IST = 11:30Z: 60 Fri; Mon 01-26 holiday; Tue 10:00 + 60 → 11:00 IST = 05:30Z
    expect(iso(addBusinessMinutes(kolkata, at('2026-01-23T11:30:00Z'), 120))).toBe('2026-01-27T05:30:00.000Z');
    // Wed 02-04 12:30 IST = 07:00Z: 30 until lunch, 14:00 + 30 → 14:30 IST = 09:00Z
    expect(iso(addBusinessMinutes(kolkata, at('2026-02-04T07:00:00Z'), 60))).toBe('2026-02-04T09:00:00.000Z');
  });

  it('Australia/Adelaide (+10:30 / +09:30): both DST weekends', () => {
    const adelaide = cal({
      timeZone: 'Australia/Adelaide',
      mode: 'business',
      weekly: weekdays('08:30', '17:00'),
      holidays: [{ date: '2026-04-03' }, { date: '2026-04-06' }],
    });
    // Thu 04-02 16:00 ACDT (+10:30) = 05:30Z: 60 Thu; Fri, Mon holidays; Tue 08:30 ACST + 30 → 09:00 ACST (+9:30) = 23:30Z Mon
    expect(iso(addBusinessMinutes(adelaide, at('2026-04-02T05:30:00Z'), 90))).toBe('2026-04-06T23:30:00.000Z');
    // Fri 10-02 16:45 ACST (+9:30) = 07:15Z: 15 Fri; Mon 10-05 08:30 ACDT + 15 → 08:45 ACDT (+10:30) = 22:15Z Sun
    expect(iso(addBusinessMinutes(adelaide, at('2026-10-02T07:15:00Z'), 30))).toBe('2026-10-04T22:15:00.000Z');
  });
});

describe('isOpenAt, nextOpenAt, openUntil', () => {
  it('treats intervals as open at the start and closed at the end', () => {
    // Mon 2026-03-09 09:00 EDT = 13:00Z, 17:00 EDT = 21:00Z
    expect(isOpenAt(nyOffice, at('2026-03-09T12:59:59.999Z'))).toBe(false);
    expect(isOpenAt(nyOffice, at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(isOpenAt(nyOffice, at('2026-03-09T20:59:59.999Z'))).toBe(true);
    expect(isOpenAt(nyOffice, at('2026-03-09T21:00:00Z'))).toBe(false);
    expect(isOpenAt(nyOffice, at('2026-12-24T17:00:00Z'))).toBe(false); // holiday, noon EST
  });

  it('finds the next opening after a weekend or holidays, and answers now when open', () => {
    expect(iso(nextOpenAt(nyOffice, at('2026-01-16T22:00:00Z')))).toBe('2026-01-19T14:00:00.000Z');
    expect(iso(nextOpenAt(nyOffice, at('2026-12-23T22:00:00Z')))).toBe('2026-12-28T14:00:00.000Z');
    expect(iso(nextOpenAt(nyOffice, at('2026-01-19T15:00:00Z')))).toBe('2026-01-19T15:00:00.000Z');
  });

  it('finds the end of the open stretch, merging intervals that touch across midnight', () => {
    expect(iso(openUntil(nyOffice, at('2026-01-19T15:00:00Z')))).toBe('2026-01-19T22:00:00.000Z'); // Mon 17:00 EST
    expect(iso(openUntil(nyOffice, at('2026-01-17T15:00:00Z')))).toBe('2026-01-17T15:00:00.000Z'); // closed: now
    const nightShift = cal({
      timeZone: 'Asia/Kolkata',
      mode: 'business',
      weekly: { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] },
    });
    // Mon 02-02 23:00 IST (17:30Z) → Tue 06:00 IST = 00:30Z
    expect(iso(openUntil(nightShift, at('2026-02-02T17:30:00Z')))).toBe('2026-02-03T00:30:00.000Z');
  });

  it('says a 24/7 stretch never ends unless a holiday is ahead', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const fullWeek = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    expect(openUntil(cal({ timeZone: 'UTC', mode: 'calendar' }), at('2026-01-19T15:00:00Z'))).toBeNull();
    expect(
      openUntil(cal({ timeZone: 'America/New_York', mode: 'business', weekly: fullWeek }), at('2026-01-19T15:00:00Z')),
    ).toBeNull();
    const withChristmas = cal({
      timeZone: 'America/New_York',
      mode: 'business',
      weekly: fullWeek,
      holidays: [{ date: '2026-12-25' }],
    });
    expect(iso(openUntil(withChristmas, at('2026-12-20T15:00:00Z')))).toBe('2026-12-25T05:00:00.000Z'); // 00:00 EST
  });

  it('treats calendar mode as always open, ignoring weekly hours and holidays', () => {
    const always = cal({ timeZone: 'America/New_York', mode: 'calendar', holidays: [{ date: '2026-12-25' }] });
    expect(isOpenAt(always, at('2026-12-25T17:00:00Z'))).toBe(true);
    expect(iso(addBusinessMinutes(always, at('2026-12-25T17:00:00Z'), 90))).toBe('2026-12-25T18:30:00.000Z');
    expect(businessMinutesBetween(always, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * 60);
  });

  it('throws a typed error or answers null for a calendar with no open hours', () => {
    // The schema refuses such a calendar; one built by hand still gets a clear answer.
    const closed: BusinessCalendar = {
      ...nyOffice,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(() => addBusinessMinutes(closed, at('2026-01-19T15:00:00Z'), 30)).toThrow(CalendarNeverOpensError);
    expect(nextOpenAt(closed, at('2026-01-19T15:00:00Z'))).toBeNull();
    expect(businessMinutesBetween(closed, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('BusinessCalendar schema', () => {
  const base = { timeZone: 'Europe/Paris', mode: 'business' as const };
  const parse = (input: object) => BusinessCalendar.safeParse({ ...base, ...input });

  it('accepts several intervals a day, touching intervals and a 24:00 end', () => {
    expect(
      parse({
        weekly: {
          mon: [
            { start: '13:00', end: '24:00' },
            { start: '09:00', end: '13:00' },
          ],
        },
      }).success,
    ).toBe(true);
  });

  it('refuses overlapping, empty or reversed intervals and a 24:00 start', () => {
    expect(
      parse({
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '11:59', end: '13:00' },
          ],
        },
      }).success,
    ).toBe(false);
    expect(parse({ weekly: { mon: [{ start: '09:00', end: '09:00' }] } }).success).toBe(false);
    expect(parse({ weekly: { mon: [{ start: '17:00', end: '09:00' }] } }).success).toBe(false);
    expect(parse({ weekly: { mon: [{ start: '24:00', end: '24:00' }] } }).success).toBe(false);
    expect(parse({ weekly: { mon: [{ start: '9:00', end: '17:00' }] } }).success).toBe(false);
  });

  it('refuses unknown zones, bare offsets, impossible dates and reversed ranges', () => {
    const mon = { mon: [{ start: '09:00', end: '17:00' }] };
    expect(parse({ weekly: mon, timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
    expect(parse({ weekly: mon, timeZone: '+05:30' }).success).toBe(false);
    expect(parse({ weekly: mon, holidays: [{ date: '2026-02-30' }] }).success).toBe(false);
    expect(parse({ weekly: mon, holidays: [{ from: '2026-12-31', to: '2026-12-24' }] }).success).toBe(false);
    expect(parse({ weekly: mon, holidays: [{ from: '2026-12-24', to: '2026-12-24' }] }).success).toBe(true);
  });

  it('refuses a business calendar with no open hours but accepts a bare 24/7 one', () => {
    expect(parse({ weekly: {} }).success).toBe(false);
    const always = BusinessCalendar.parse({ timeZone: 'UTC', mode: 'calendar' });
    expect(always.weekly.sun).toEqual([]);
    expect(always.holidays).toEqual([]);
  });
});
