import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CapacityPolicy,
  availability,
  crossedSoftThreshold,
  limitWindow,
  localDay,
  windowFor,
  type CapacityWindow,
} from '../../api/src/domain/capacity';

// Expected windows are worked out by hand from each zone's offsets: New York EST −5 / EDT −4
// (2026-03-08, 2026-11-01), Sydney AEDT +11 / AEST +10 (2026-04-05, 2026-10-04), Kolkata +5:30,
// Santiago −4 / −3 (DST starts at 24:00 on 2026-09-05, so 2026-09-06 has no 00:00; ends 2026-04-05).
const at = (iso: string) => new Date(iso);
const plain = (w: CapacityWindow) => ({ start: w.start.toISOString(), end: w.end.toISOString(), key: w.key });
const HOUR = 3_600_000;

describe('windowFor: days roll over at local midnight', () => {
  it('New York spring-forward day lasts 23 hours', () => {
    const w = windowFor('day', 'America/New_York', at('2026-03-08T12:00:00Z'));
    expect(plain(w)).toEqual({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z', key: '2026-03-08' });
    expect(w.end.getTime() - w.start.getTime()).toBe(23 * HOUR);
  });

  it('New York rolls to the next day at 00:00 EDT, not 00:00 EST', () => {
    expect(windowFor('day', 'America/New_York', at('2026-03-09T03:59:59.999Z')).key).toBe('2026-03-08');
    expect(plain(windowFor('day', 'America/New_York', at('2026-03-09T04:00:00Z')))).toEqual({
      start: '2026-03-09T04:00:00.000Z',
      end: '2026-03-10T04:00:00.000Z',
      key: '2026-03-09',
    });
  });

  it('New York fall-back day lasts 25 hours', () => {
    const w = windowFor('day', 'America/New_York', at('2026-11-01T12:00:00Z'));
    expect(plain(w)).toEqual({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z', key: '2026-11-01' });
    expect(w.end.getTime() - w.start.getTime()).toBe(25 * HOUR);
  });

  it('Australia/Sydney: 25 hours when DST ends in April, 23 when it starts in October', () => {
    expect(plain(windowFor('day', 'Australia/Sydney', at('2026-04-05T00:00:00Z')))).toEqual({
      start: '2026-04-04T13:00:00.000Z',
      end: '2026-04-05T14:00:00.000Z',
      key: '2026-04-05',
    });
    expect(plain(windowFor('day', 'Australia/Sydney', at('2026-10-04T00:00:00Z')))).toEqual({
      start: '2026-10-03T14:00:00.000Z',
      end: '2026-10-04T13:00:00.000Z',
      key: '2026-10-04',
    });
    expect(windowFor('day', 'Australia/Sydney', at('2026-04-04T12:59:59Z')).key).toBe('2026-04-04'); // 23:59:59 AEDT
    expect(windowFor('day', 'Australia/Sydney', at('2026-04-04T13:00:00Z')).key).toBe('2026-04-05');
  });

  it('Asia/Kolkata rolls over at 18:30 UTC, days and months alike', () => {
    expect(windowFor('day', 'Asia/Kolkata', at('2026-01-31T18:29:59Z')).key).toBe('2026-01-31');
    expect(plain(windowFor('month', 'Asia/Kolkata', at('2026-01-31T18:29:59Z')))).toEqual({
      start: '2025-12-31T18:30:00.000Z',
      end: '2026-01-31T18:30:00.000Z',
      key: '2026-01',
    });
    expect(plain(windowFor('month', 'Asia/Kolkata', at('2026-01-31T18:30:00Z')))).toEqual({
      start: '2026-01-31T18:30:00.000Z',
      end: '2026-02-28T18:30:00.000Z',
      key: '2026-02',
    });
  });

  it('starts a day whose midnight does not exist at its first instant (America/Santiago)', () => {
    // 2026-09-05 24:00 −04 jumps to 2026-09-06 01:00 −03 = 04:00Z; the next midnight is −03 = 03:00Z
    expect(plain(windowFor('day', 'America/Santiago', at('2026-09-06T12:00:00Z')))).toEqual({
      start: '2026-09-06T04:00:00.000Z',
      end: '2026-09-07T03:00:00.000Z',
      key: '2026-09-06',
    });
  });
});

describe('windowFor: ISO weeks (Monday first) and months', () => {
  it('names weeks by ISO week-year across the new year', () => {
    // 2026-01-01 is a Thursday: week 1 runs Mon 2025-12-29 to Mon 2026-01-05
    expect(plain(windowFor('week', 'UTC', at('2026-01-01T12:00:00Z')))).toEqual({
      start: '2025-12-29T00:00:00.000Z',
      end: '2026-01-05T00:00:00.000Z',
      key: '2026-W01',
    });
    // 2027-01-01 is a Friday, in the last week (53) of 2026
    expect(plain(windowFor('week', 'UTC', at('2027-01-01T12:00:00Z')))).toEqual({
      start: '2026-12-28T00:00:00.000Z',
      end: '2027-01-04T00:00:00.000Z',
      key: '2026-W53',
    });
  });

  it('keeps a week that contains spring-forward one hour short, Sunday night included', () => {
    const w = windowFor('week', 'America/New_York', at('2026-03-05T12:00:00Z'));
    expect(plain(w)).toEqual({ start: '2026-03-02T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z', key: '2026-W10' });
    expect(w.end.getTime() - w.start.getTime()).toBe(7 * 24 * HOUR - HOUR);
    expect(windowFor('week', 'America/New_York', at('2026-03-09T03:30:00Z')).key).toBe('2026-W10'); // Sun 23:30 EDT
    expect(windowFor('week', 'America/New_York', at('2026-03-09T04:00:00Z')).key).toBe('2026-W11');
  });

  it('starts a Kolkata week at Monday 00:00 IST, Sunday 18:30 UTC', () => {
    expect(plain(windowFor('week', 'Asia/Kolkata', at('2026-01-04T18:30:00Z')))).toEqual({
      start: '2026-01-04T18:30:00.000Z',
      end: '2026-01-11T18:30:00.000Z',
      key: '2026-W02',
    });
  });

  it('spans months across DST and the year end', () => {
    expect(plain(windowFor('month', 'America/New_York', at('2026-03-15T12:00:00Z')))).toEqual({
      start: '2026-03-01T05:00:00.000Z',
      end: '2026-04-01T04:00:00.000Z',
      key: '2026-03',
    });
    expect(plain(windowFor('month', 'America/New_York', at('2026-12-31T23:00:00Z')))).toEqual({
      start: '2026-12-01T05:00:00.000Z',
      end: '2027-01-01T05:00:00.000Z',
      key: '2026-12',
    });
  });
});

describe('availability', () => {
  const now = at('2026-01-20T06:00:00Z'); // Tue 11:30 IST
  const usage = { used: 3, teamRemaining: null, now, timeZone: 'Asia/Kolkata' };
  const daily = (whenFull: object, extra: object = {}) =>
    CapacityPolicy.parse({ limit: { count: 10, per: 'day' }, whenFull, ...extra });
  const waitlist = daily({ action: 'waitlist', message: 'We will call you tomorrow' });

  it('is open with the capacity left in the window', () => {
    expect(availability(waitlist, usage)).toEqual({ state: 'open', remaining: 7 });
  });

  it('waitlists when the day is full, reopening at the next local midnight', () => {
    // Wed 2026-01-21 00:00 IST = 2026-01-20T18:30Z
    const expected = {
      state: 'waitlist',
      message: 'We will call you tomorrow',
      reopensAt: '2026-01-20T18:30:00.000Z',
      remaining: 0,
    };
    expect(availability(waitlist, { ...usage, used: 10 })).toEqual(expected);
    expect(availability(waitlist, { ...usage, used: 12 })).toEqual(expected);
  });

  it('closes or redirects as the policy says', () => {
    expect(availability(daily({ action: 'closed', message: 'Fully booked' }), { ...usage, used: 10 })).toEqual({
      state: 'closed',
      message: 'Fully booked',
      reopensAt: '2026-01-20T18:30:00.000Z',
      remaining: 0,
    });
    expect(
      availability(daily({ action: 'redirect', url: 'https://example.com/full' }), { ...usage, used: 10 }),
    ).toEqual({
      state: 'redirect',
      url: 'https://example.com/full',
      remaining: 0,
    });
  });

  it('reopens a weekly limit at next Monday local midnight, after DST', () => {
    const weekly = CapacityPolicy.parse({ limit: { count: 5, per: 'week' }, whenFull: { action: 'closed' } });
    // Thu 2026-03-05 in New York; Monday 03-09 00:00 EDT = 04:00Z
    expect(
      availability(weekly, {
        used: 5,
        teamRemaining: null,
        now: at('2026-03-05T12:00:00Z'),
        timeZone: 'America/New_York',
      }),
    ).toEqual({
      state: 'closed',
      reopensAt: '2026-03-09T04:00:00.000Z',
      remaining: 0,
    });
  });

  it('is full at once with a limit of 0, and unlimited without any limit', () => {
    expect(
      availability(CapacityPolicy.parse({ limit: { count: 0, per: 'month' }, whenFull: { action: 'closed' } }), {
        ...usage,
        used: 0,
      }).state,
    ).toBe('closed');
    expect(availability(CapacityPolicy.parse({ whenFull: { action: 'closed' } }), usage)).toEqual({
      state: 'open',
      remaining: null,
    });
  });

  it('takes the tighter of the window limit and the team capacity', () => {
    const teamed = daily({ action: 'waitlist' }, { teamDerived: true });
    expect(availability(teamed, { ...usage, teamRemaining: 2 })).toEqual({ state: 'open', remaining: 2 });
    expect(availability(teamed, { ...usage, teamRemaining: null })).toEqual({ state: 'open', remaining: 7 });
    // Full because the team is: no reopening time can be promised
    expect(availability(teamed, { ...usage, teamRemaining: 0 })).toEqual({ state: 'waitlist', remaining: 0 });
    // Team capacity only counts when the policy asks for it
    expect(availability(waitlist, { ...usage, teamRemaining: 0 })).toEqual({ state: 'open', remaining: 7 });
  });

  it('follows the schedule: the whenFull action with reopensAt before opening, closed for good after', () => {
    const notYet = daily(
      { action: 'waitlist', message: 'Soon' },
      { schedule: { opensAt: '2026-02-01T09:00:00+05:30' } },
    );
    expect(availability(notYet, usage)).toEqual({
      state: 'waitlist',
      message: 'Soon',
      reopensAt: '2026-02-01T03:30:00.000Z',
      remaining: 7,
    });
    const ended = daily(
      { action: 'waitlist', message: 'Soon' },
      { schedule: { closesAt: '2026-01-19T18:00:00+05:30' } },
    );
    expect(availability(ended, usage)).toEqual({ state: 'closed', remaining: 7 });
    const endedRedirect = daily(
      { action: 'redirect', url: 'https://example.com/next' },
      { schedule: { closesAt: '2026-01-19T18:00:00+05:30' } },
    );
    expect(availability(endedRedirect, usage).state).toBe('redirect');
  });

  it('promises no reopening after the schedule ends', () => {
    // Full today; tomorrow's window (18:30Z) starts after the schedule closes (20:00 IST = 14:30Z)
    const closing = daily({ action: 'closed' }, { schedule: { closesAt: '2026-01-20T20:00:00+05:30' } });
    expect(availability(closing, { ...usage, used: 10 })).toEqual({ state: 'closed', remaining: 0 });
  });

  it('knows which window the limit is counted in', () => {
    expect(limitWindow(waitlist, 'Asia/Kolkata', now)?.key).toBe('2026-01-20');
    expect(limitWindow(CapacityPolicy.parse({ whenFull: { action: 'closed' } }), 'Asia/Kolkata', now)).toBeNull();
  });
});

describe('crossedSoftThreshold', () => {
  const at80 = CapacityPolicy.parse({
    limit: { count: 10, per: 'day' },
    whenFull: { action: 'closed' },
    softThreshold: 0.8,
  });

  it('fires once, on the step that reaches 80%', () => {
    expect(crossedSoftThreshold(at80, 6, 7, 10)).toBe(false);
    expect(crossedSoftThreshold(at80, 7, 8, 10)).toBe(true);
    expect(crossedSoftThreshold(at80, 8, 9, 10)).toBe(false);
    expect(crossedSoftThreshold(at80, 7, 10, 10)).toBe(true); // a jump past the mark still fires
  });

  it('is not fooled by float noise (0.7 × 10 = 7.000000000000001)', () => {
    const at70 = { ...at80, softThreshold: 0.7 };
    expect(crossedSoftThreshold(at70, 6, 7, 10)).toBe(true);
    expect(crossedSoftThreshold(at70, 7, 8, 10)).toBe(false);
  });

  it('stays quiet without a threshold or a positive limit', () => {
    expect(crossedSoftThreshold({ ...at80, softThreshold: undefined }, 7, 8, 10)).toBe(false);
    expect(crossedSoftThreshold(at80, 0, 1, 0)).toBe(false);
    expect(crossedSoftThreshold(at80, 0, 1, 1)).toBe(true);
  });
});

describe('CapacityPolicy schema', () => {
  const closed = { action: 'closed' };
  it('refuses a non-http redirect, a reversed schedule, a negative limit and a threshold of 1', () => {
    expect(CapacityPolicy.safeParse({ whenFull: { action: 'redirect', url: 'javascript:alert(1)' } }).success).toBe(
      false,
    );
    expect(
      CapacityPolicy.safeParse({
        whenFull: closed,
        schedule: { opensAt: '2026-02-01T00:00:00Z', closesAt: '2026-01-01T00:00:00Z' },
      }).success,
    ).toBe(false);
    expect(CapacityPolicy.safeParse({ whenFull: closed, limit: { count: -1, per: 'day' } }).success).toBe(false);
    expect(CapacityPolicy.safeParse({ whenFull: closed, softThreshold: 1 }).success).toBe(false);
    expect(CapacityPolicy.safeParse({ whenFull: closed, limit: { count: 5, per: 'year' } }).success).toBe(false);
  });

  it('accepts a full policy', () => {
    const policy = {
      limit: { count: 50, per: 'week' },
      teamDerived: true,
      schedule: { opensAt: '2026-02-01T09:00:00+01:00', closesAt: '2026-06-30T18:00:00Z' },
      whenFull: { action: 'waitlist', message: 'We reply within 3 days' },
      softThreshold: 0.8,
    };
    expect(CapacityPolicy.safeParse(policy).success).toBe(true);
  });
});

describe('localDay', () => {
  it("names the same day as the gate's day window, in every zone, at any instant", () => {
    const zones = [
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'America/Santiago',
      'Pacific/Auckland',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }),
        (zone, ms) => {
          expect(localDay(zone, new Date(ms))).toBe(windowFor('day', zone, new Date(ms)).key);
        },
      ),
    );
  });
});
