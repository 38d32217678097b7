import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type BusinessCalendarInput } from '../../api/src/domain/business-hours';
import {
  SlaTargets,
  dueWithPauses,
  firstResponseDue,
  followUpDue,
  followUpWarningAt,
  isBreached,
  rankBySlaFit,
  responseTimes,
  runningMinutesBetween,
  warningAt,
} from '../../api/src/domain/sla';

// Expected instants are worked out by hand. New York is EST (UTC−5) in January.
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const cal = (timeZone: string, start: string, end: string, extra: Partial<BusinessCalendarInput> = {}) => {
  const day = [{ start, end }];
  return BusinessCalendar.parse({
    timeZone,
    mode: 'business',
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day },
    ...extra,
  });
};
const nyOffice = cal('America/New_York', '09:00', '17:00');
const oneHourBusiness = SlaTargets.parse({ firstResponseMinutes: 60, clock: 'business', warnAtFraction: 0.75 });
const oneHourCalendar = SlaTargets.parse({ firstResponseMinutes: 60, clock: 'calendar' });
const friday1630 = at('2026-01-16T21:30:00Z'); // Fri 16:30 EST

describe('due times', () => {
  it('counts a business-time target in office hours', () => {
    // 30 min Friday until 17:00, 30 from Monday 09:00 → Mon 09:30 EST = 14:30Z
    expect(iso(firstResponseDue(oneHourBusiness, nyOffice, friday1630))).toBe('2026-01-19T14:30:00.000Z');
  });

  it('counts a calendar-time target around the clock, with no calendar needed', () => {
    expect(iso(firstResponseDue(oneHourCalendar, null, friday1630))).toBe('2026-01-16T22:30:00.000Z');
  });

  it('refuses a business-time target without a calendar', () => {
    expect(() => firstResponseDue(oneHourBusiness, null, friday1630)).toThrow(TypeError);
  });

  it('warns at the set fraction of the target, on the same clock', () => {
    // 45 business minutes: 30 Friday, 15 Monday → Mon 09:15 EST = 14:15Z
    expect(iso(warningAt(oneHourBusiness, nyOffice, friday1630))).toBe('2026-01-19T14:15:00.000Z');
    expect(warningAt(oneHourCalendar, null, friday1630)).toBeNull();
  });

  it('sets a follow-up due time only when the policy has one', () => {
    const withFollowUp = SlaTargets.parse({ firstResponseMinutes: 30, followUpMinutes: 480, clock: 'business' });
    // Mon 2026-01-19 10:00 EST (15:00Z) + 480 business minutes = 7 h Monday + 1 h Tuesday → Tue 10:00 EST = 15:00Z
    expect(iso(followUpDue(withFollowUp, nyOffice, at('2026-01-19T15:00:00Z')))).toBe('2026-01-20T15:00:00.000Z');
    expect(followUpDue(oneHourBusiness, nyOffice, at('2026-01-19T15:00:00Z'))).toBeNull();
  });

  it('warns before a follow-up at the same fraction, in business time', () => {
    const warned = SlaTargets.parse({
      firstResponseMinutes: 30,
      followUpMinutes: 480,
      clock: 'business',
      warnAtFraction: 0.75,
    });
    // Fri 16:30 EST + 360 business minutes = 30 Friday + 330 Monday → Mon 14:30 EST = 19:30Z
    expect(iso(followUpWarningAt(warned, nyOffice, friday1630))).toBe('2026-01-19T19:30:00.000Z');
    expect(
      followUpWarningAt(
        SlaTargets.parse({ firstResponseMinutes: 30, followUpMinutes: 480, clock: 'business' }),
        nyOffice,
        friday1630,
      ),
    ).toBeNull();
    expect(followUpWarningAt(oneHourBusiness, nyOffice, friday1630)).toBeNull(); // no follow-up target
  });
});

describe('dueWithPauses: the clock stands still while paused', () => {
  it('moves the due time by the open time spent paused', () => {
    // Runs 16:30–16:40, paused to 16:50, runs to 17:00: 20 used; 40 Monday → 09:40 EST = 14:40Z
    const pauses = [{ from: at('2026-01-16T21:40:00Z'), to: at('2026-01-16T21:50:00Z') }];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, pauses))).toBe('2026-01-19T14:40:00.000Z');
  });

  it('ignores a pause that falls entirely in closed time', () => {
    const saturday = [{ from: at('2026-01-17T15:00:00Z'), to: at('2026-01-17T20:00:00Z') }];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, saturday))).toBe('2026-01-19T14:30:00.000Z');
  });

  it('resumes after a pause spanning the weekend', () => {
    // Runs 16:30–16:45 (15), paused until Mon 10:00 EST; 45 left → 10:45 EST = 15:45Z
    const pauses = [{ from: at('2026-01-16T21:45:00Z'), to: at('2026-01-19T15:00:00Z') }];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, pauses))).toBe('2026-01-19T15:45:00.000Z');
  });

  it('has no due time while a pause is open, unless the clock ran out first', () => {
    const openFromFriday = [{ from: at('2026-01-16T21:40:00Z'), to: null }];
    expect(dueWithPauses(oneHourBusiness, nyOffice, friday1630, openFromFriday)).toBeNull();
    const openFromMonday10 = [{ from: at('2026-01-19T15:00:00Z'), to: null }];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, openFromMonday10))).toBe(
      '2026-01-19T14:30:00.000Z',
    );
    // Calendar clock running out exactly as the pause begins: due at that instant
    const exactly = [{ from: at('2026-01-16T22:30:00Z'), to: null }];
    expect(iso(dueWithPauses(oneHourCalendar, null, friday1630, exactly))).toBe('2026-01-16T22:30:00.000Z');
  });

  it('clips pauses that began before the lead and merges overlapping ones', () => {
    // Pause 16:00–16:40 counts from 16:30: runs 16:40–17:00 (20), 40 Monday → 09:40 EST = 14:40Z
    const early = [{ from: at('2026-01-16T21:00:00Z'), to: at('2026-01-16T21:40:00Z') }];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, early))).toBe('2026-01-19T14:40:00.000Z');
    // 16:35–16:45 and 16:40–16:50 are one pause 16:35–16:50: runs 5 + 10, 45 Monday → 09:45 EST = 14:45Z
    const overlapping = [
      { from: at('2026-01-16T21:40:00Z'), to: at('2026-01-16T21:50:00Z') },
      { from: at('2026-01-16T21:35:00Z'), to: at('2026-01-16T21:45:00Z') },
    ];
    expect(iso(dueWithPauses(oneHourBusiness, nyOffice, friday1630, overlapping))).toBe('2026-01-19T14:45:00.000Z');
  });

  it('pauses a calendar-time clock in real minutes', () => {
    // 12:00Z + 60, paused 12:10–12:40 → 13:30Z
    const pauses = [{ from: at('2026-01-16T12:10:00Z'), to: at('2026-01-16T12:40:00Z') }];
    expect(iso(dueWithPauses(oneHourCalendar, null, at('2026-01-16T12:00:00Z'), pauses))).toBe(
      '2026-01-16T13:30:00.000Z',
    );
  });
});

describe('dueWithPauses properties', () => {
  const calendars = [nyOffice, cal('Australia/Sydney', '09:00', '17:00', { holidays: [{ date: '2026-04-03' }] })];
  const start = Date.UTC(2026, 0, 1);
  const pause = fc.tuple(fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.integer({ min: 1, max: 3 * 86_400_000 }));

  it('runs the clock exactly the target between creation and the due time, never sooner than unpaused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.integer({ min: 0, max: 360 * 86_400_000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(pause, { maxLength: 4 }),
        (calendar, offset, minutes, spans) => {
          const createdAt = new Date(start + offset);
          const pauses = spans.map(([from, length]) => ({
            from: new Date(createdAt.getTime() + from - 86_400_000),
            to: new Date(createdAt.getTime() + from - 86_400_000 + length),
          }));
          const targets = SlaTargets.parse({ firstResponseMinutes: minutes, clock: 'business' });
          const due = dueWithPauses(targets, calendar, createdAt, pauses)!;
          expect(runningMinutesBetween(calendar, createdAt, due, pauses)).toBeCloseTo(minutes, 6);
          expect(due.getTime()).toBeGreaterThanOrEqual(firstResponseDue(targets, calendar, createdAt).getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('responseTimes', () => {
  const times = {
    createdAt: friday1630,
    assignedAt: at('2026-01-16T21:30:02Z'),
    notifiedAt: at('2026-01-16T21:30:05Z'),
    firstResponseAt: at('2026-01-19T14:30:00Z'), // Mon 09:30 EST
    pauses: [],
  };

  it('splits a response into system delay and rep delay, in business and calendar minutes', () => {
    // Business: 30 Friday + 30 Monday. Calendar: Fri 21:30Z → Mon 14:30Z = 65 h = 3900 min.
    expect(responseTimes(nyOffice, times)).toEqual({
      businessMinutes: 60,
      calendarMinutes: 3900,
      pausedMinutes: 0,
      assignmentDelaySeconds: 2,
      systemDelaySeconds: 5,
      repDelaySeconds: 3900 * 60 - 5,
    });
  });

  it('leaves paused time out of both clocks', () => {
    const paused = { ...times, pauses: [{ from: at('2026-01-16T21:40:00Z'), to: at('2026-01-16T21:50:00Z') }] };
    expect(responseTimes(nyOffice, paused)).toMatchObject({
      businessMinutes: 50,
      calendarMinutes: 3890,
      pausedMinutes: 10,
    });
  });

  it('answers null for what has not happened yet', () => {
    const waiting = { ...times, notifiedAt: null, firstResponseAt: null };
    expect(responseTimes(nyOffice, waiting)).toEqual({
      businessMinutes: null,
      calendarMinutes: null,
      pausedMinutes: null,
      assignmentDelaySeconds: 2,
      systemDelaySeconds: null,
      repDelaySeconds: null,
    });
  });
});

describe('isBreached', () => {
  const due = at('2026-01-19T14:30:00Z');
  it('is not breached when answered one second before due', () => {
    expect(isBreached(due, at('2026-01-19T14:29:59Z'), at('2026-01-19T15:00:00Z'))).toBe(false);
  });
  it('is not breached when answered exactly at due', () => {
    expect(isBreached(due, due, at('2026-01-19T15:00:00Z'))).toBe(false);
  });
  it('is breached when answered one second after due', () => {
    expect(isBreached(due, at('2026-01-19T14:30:01Z'), at('2026-01-19T15:00:00Z'))).toBe(true);
  });
  it('is breached when unanswered and now is past due, not before', () => {
    expect(isBreached(due, null, at('2026-01-19T14:30:01Z'))).toBe(true);
    expect(isBreached(due, null, due)).toBe(false);
  });
  it('is never breached while the clock is paused (no due time)', () => {
    expect(isBreached(null, null, at('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('rankBySlaFit', () => {
  // now = Mon 2026-01-19 15:00Z = 10:00 EST = 20:30 IST = Tue 02:00 AEDT; due 16:30Z = 11:30 EST
  const now = at('2026-01-19T15:00:00Z');
  const due = at('2026-01-19T16:30:00Z');
  const reps = [
    { id: 'kolkata', calendar: cal('Asia/Kolkata', '10:00', '18:00') }, // next Tue 10:00 IST = 04:30Z Jan 20
    { id: 'ny-short', calendar: cal('America/New_York', '08:00', '10:30') }, // open now, leaves 15:30Z
    { id: 'ny-late', calendar: cal('America/New_York', '12:00', '20:00') }, // opens 17:00Z, until 01:00Z
    { id: 'ny', calendar: nyOffice }, // open now until 22:00Z: covers the due time
    { id: 'sydney', calendar: cal('Australia/Sydney', '09:00', '17:00') }, // opens Tue 09:00 AEDT = 22:00Z Mon
    { id: 'late-long', calendar: cal('America/New_York', '12:00', '22:00') }, // opens 17:00Z, until 03:00Z
    { id: 'ny-2', calendar: nyOffice }, // covers too, listed later
  ];

  it('puts reps working through the due time first, in input order, then whoever is at work soonest', () => {
    const ranked = rankBySlaFit(reps, due, now);
    expect(ranked.map((f) => f.rep.id)).toEqual([
      'ny',
      'ny-2',
      'ny-short',
      'late-long',
      'ny-late',
      'sydney',
      'kolkata',
    ]);
    expect(ranked.map((f) => f.coversDue)).toEqual([true, true, false, false, false, false, false]);
    expect(iso(ranked[2]!.worksUntil)).toBe('2026-01-19T15:30:00.000Z');
    expect(iso(ranked[6]!.opensAt)).toBe('2026-01-20T04:30:00.000Z');
  });

  it('ranks a rep who never works last', () => {
    const neverOpen: BusinessCalendar = {
      ...nyOffice,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    const ranked = rankBySlaFit(
      [
        { id: 'never', calendar: neverOpen },
        { id: 'kolkata', calendar: reps[0]!.calendar },
      ],
      due,
      now,
    );
    expect(ranked.map((f) => [f.rep.id, iso(f.opensAt)])).toEqual([
      ['kolkata', '2026-01-20T04:30:00.000Z'],
      ['never', null],
    ]);
  });
});

describe('SlaTargets schema', () => {
  it('accepts whole positive minutes and a warning fraction strictly between 0 and 1', () => {
    expect(
      SlaTargets.safeParse({ firstResponseMinutes: 15, followUpMinutes: 1440, clock: 'calendar', warnAtFraction: 0.5 })
        .success,
    ).toBe(true);
    expect(SlaTargets.safeParse({ firstResponseMinutes: 0, clock: 'calendar' }).success).toBe(false);
    expect(SlaTargets.safeParse({ firstResponseMinutes: 1.5, clock: 'calendar' }).success).toBe(false);
    expect(SlaTargets.safeParse({ firstResponseMinutes: 15, clock: 'calendar', warnAtFraction: 1 }).success).toBe(
      false,
    );
    expect(SlaTargets.safeParse({ firstResponseMinutes: 15, clock: 'weekdays' }).success).toBe(false);
  });
});
