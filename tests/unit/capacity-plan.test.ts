/** The capacity plan's pure part: weeks in the workspace zone, working hours, trend, crossing, throttle. */
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../api/src/domain/business-hours';
import {
  capacityPlan,
  leastSquares,
  nextWeeks,
  pastWeeks,
  repWorkingHours,
  type PlanInput,
  type PlanRep,
} from '../../api/src/domain/capacity-plan';

const nineToFive = (timeZone: string): BusinessCalendar => {
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    timeZone,
    mode: 'business',
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: [],
  };
};
const rep = (over: Partial<PlanRep> = {}): PlanRep => ({
  id: 'rep_1',
  active: true,
  workingHours: nineToFive('UTC'),
  outOfOffice: [],
  ...over,
});

describe('capacity plan weeks and working hours', () => {
  it('runs weeks Monday to Monday in the workspace zone, a DST week 167 hours long', () => {
    const [w] = pastWeeks('America/New_York', new Date('2026-03-11T15:00:00Z'), 1);
    expect(w).toEqual({
      start: new Date('2026-03-02T05:00:00Z'),
      end: new Date('2026-03-09T04:00:00Z'),
      key: '2026-W10',
    });
    expect((w!.end.getTime() - w!.start.getTime()) / 3600_000).toBe(167);
    // Reps keep their own wall-clock hours across the change: 40 hours, and a 24/7 rep the week's 167.
    expect(repWorkingHours(rep({ workingHours: nineToFive('America/New_York') }), w!.start, w!.end)).toBe(40);
    expect(repWorkingHours(rep({ workingHours: null }), w!.start, w!.end)).toBe(167);
    const ahead = nextWeeks('Europe/Paris', new Date('2026-10-14T12:00:00Z'), 2);
    expect(ahead.map((x) => [x.key, (x.end.getTime() - x.start.getTime()) / 3600_000])).toEqual([
      ['2026-W43', 169],
      ['2026-W44', 168],
    ]);
  });

  it('takes out-of-office time out once, only where the rep would have worked', () => {
    const from = new Date('2026-11-23T00:00:00Z');
    const to = new Date('2026-11-30T00:00:00Z');
    const ooo = [
      { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' },
      { from: '2026-11-25T12:00:00Z', to: '2026-11-26T12:00:00Z' }, // overlaps the first: Thursday 9–12 more
      { from: '2026-11-29T00:00:00Z', to: '2026-12-05T00:00:00Z' }, // Sunday on: nothing this week
    ];
    expect(repWorkingHours(rep({ outOfOffice: ooo }), from, to)).toBe(40 - 8 - 3);
    expect(repWorkingHours(rep({ active: false }), from, to)).toBe(0);
    expect(
      repWorkingHours(rep({ outOfOffice: [{ from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }] }), from, to),
    ).toBe(0);
  });

  it('fits a least-squares line', () => {
    expect(leastSquares([2, 4, 6])).toEqual({ slope: 2, intercept: 2 });
    expect(leastSquares([5])).toEqual({ slope: 0, intercept: 5 });
    expect(leastSquares([])).toEqual({ slope: 0, intercept: 0 });
  });
});

describe('capacityPlan', () => {
  const now = new Date('2026-11-18T12:00:00Z');
  const weeks = pastWeeks('UTC', now, 4);
  const series = (channel: string, ys: number[]) =>
    ys.map((leads, i) => ({ channel, weekStart: weeks[i]!.start.toISOString(), leads }));
  const input: PlanInput = {
    now,
    timeZone: 'UTC',
    weeks: 4,
    reps: [rep()],
    history: {
      weeks,
      answered: 180, // over 160 working hours: 1.125 leads an hour, 45 a week
      demand: [
        ...series('paid', [10, 14, 18, 22]),
        ...series('organic', [10, 10, 10, 10]),
        ...series('referral', [2, 2, 2, 2]),
      ],
      medianHoursToClose: 30.04,
    },
    scores: [
      { channel: 'organic', score: 100, leads: 40, currency: 'USD' },
      { channel: 'paid', score: 900, leads: 64, currency: 'USD' },
    ],
    demandFactor: 1,
  };

  it('finds the week demand passes capacity, the SLA misses with the backlog, and what to throttle first', () => {
    const plan = capacityPlan(input);
    expect(plan.handling).toEqual({
      historyWeeks: 4,
      answered: 180,
      workingHours: 160,
      leadsPerWorkingHour: 1.125,
      medianHoursToClose: 30,
    });
    expect(plan.data.map((w) => [w.week, w.capacity, w.demand, w.overCapacity, w.slaMisses, w.backlog])).toEqual([
      ['2026-W48', 45, 42, false, 0, 0],
      ['2026-W49', 45, 46, true, 1, 1],
      ['2026-W50', 45, 50, true, 6, 6],
      ['2026-W51', 45, 54, true, 15, 15],
    ]);
    expect(plan.data[1]!.demandByChannel).toEqual([
      { channel: 'organic', leads: 10 },
      { channel: 'paid', leads: 34 },
      { channel: 'referral', leads: 2 },
    ]);
    expect(plan.crossing).toEqual({ week: '2026-W49', start: '2026-11-30T00:00:00.000Z' });
    expect(plan.channels.find((c) => c.channel === 'paid')).toEqual({
      channel: 'paid',
      averagePerWeek: 16,
      trendPerWeek: 4,
      score: 900,
      scoreLeads: 64,
      currency: 'USD',
    });
    // Lowest quality first; a channel with no score yet last.
    expect(plan.throttle).toEqual([
      { channel: 'organic', score: 100, leadsPerWeek: 10, demandAfter: 36, enough: true },
      { channel: 'paid', score: 900, leadsPerWeek: 34, demandAfter: 2, enough: true },
      { channel: 'referral', score: null, leadsPerWeek: 2, demandAfter: 0, enough: true },
    ]);
  });

  it('doubling demand crosses at once; out-of-office shrinks that week only', () => {
    const doubled = capacityPlan({ ...input, demandFactor: 2 });
    expect(doubled.crossing?.week).toBe('2026-W48');
    expect(doubled.data[0]).toMatchObject({ demand: 84, capacity: 45, slaMisses: 39 });
    expect(doubled.throttle.map((t) => [t.channel, t.enough])).toEqual([
      ['organic', false],
      ['paid', true],
      ['referral', true],
    ]);
    const away = capacityPlan({
      ...input,
      reps: [rep({ outOfOffice: [{ from: '2026-11-23T00:00:00Z', to: '2026-11-25T00:00:00Z' }] })],
    });
    expect(away.data.map((w) => w.workingHours)).toEqual([24, 40, 40, 40]);
    expect(away.data[0]).toMatchObject({ capacity: 27, demand: 42, slaMisses: 15, backlog: 15 });
  });

  it('with no history says there is no rate: no capacity, no crossing, nothing to throttle', () => {
    const plan = capacityPlan({ ...input, history: { weeks, answered: 0, demand: [], medianHoursToClose: null } });
    expect(plan.handling.leadsPerWorkingHour).toBeNull();
    expect(plan.channels).toEqual([]);
    expect(plan.data).toHaveLength(4);
    for (const w of plan.data)
      expect(w).toMatchObject({ capacity: null, demand: 0, overCapacity: false, slaMisses: null });
    expect(plan.crossing).toBeNull();
    expect(plan.throttle).toEqual([]);
    // No rep working: no hours to measure a rate from either.
    expect(capacityPlan({ ...input, reps: [] }).handling.leadsPerWorkingHour).toBeNull();
  });
});
