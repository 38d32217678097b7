/**
 * Capacity planning: can the team serve the demand of the coming weeks? Capacity is the reps'
 * working hours (their own calendars, out-of-office taken out) times the handling rate the team has
 * shown (leads answered per working hour over the last weeks); demand is each channel's weekly leads
 * continued along its least-squares trend. Where demand passes capacity the excess misses the SLA
 * (first come, first served: a backlog is worked off before new leads), and the channels to hold back
 * are the ones of lowest source quality first. Pure: the caller passes `now` and the measured history.
 */
import { ALWAYS_OPEN, businessMinutesBetween, type BusinessCalendar } from './business-hours';
import { windowFor, type CapacityWindow } from './capacity';

export interface PlanRep {
  id: string;
  active: boolean;
  /** Null: always available (24/7). */
  workingHours: BusinessCalendar | null;
  outOfOffice: ReadonlyArray<{ from: string; to: string }>;
}

export interface PlanInput {
  now: Date;
  /** The workspace's zone: weeks run Monday 00:00 to Monday 00:00 there. */
  timeZone: string;
  /** Weeks to plan, starting with the next full week. */
  weeks: number;
  reps: readonly PlanRep[];
  /** The measured past: the full weeks before the current one, oldest first. */
  history: {
    weeks: readonly CapacityWindow[];
    /** Leads of the team first answered in those weeks. */
    answered: number;
    /** Leads per channel and week (`weekStart` = the week's start, ISO). */
    demand: ReadonlyArray<{ channel: string; weekStart: string; leads: number }>;
    medianHoursToClose: number | null;
  };
  /** Source quality per channel (net revenue per lead, minor units); absent: not scored yet. */
  scores: ReadonlyArray<{ channel: string; score: number; leads: number; currency: string | null }>;
  /** Multiplies the forecast demand ("what if marketing doubles it"). */
  demandFactor: number;
}

export interface ChannelTrend {
  channel: string;
  /** Mean weekly leads over the measured weeks. */
  averagePerWeek: number;
  /** Least-squares slope: leads per week gained (or lost) each week. */
  trendPerWeek: number;
  score: number | null;
  scoreLeads: number | null;
  currency: string | null;
}

export interface PlanWeek {
  week: string;
  start: string;
  end: string;
  workingHours: number;
  /** Leads the team can answer that week; null when there is no history to measure a rate. */
  capacity: number | null;
  demand: number;
  demandByChannel: { channel: string; leads: number }[];
  overCapacity: boolean;
  /** Leads of the week not answered within it (the backlog is served first). */
  slaMisses: number | null;
  /** Unanswered leads carried into the next week. */
  backlog: number | null;
}

export interface ThrottleStep {
  channel: string;
  score: number | null;
  leadsPerWeek: number;
  /** Demand left at the crossing week once this channel and the ones before it are held back. */
  demandAfter: number;
  enough: boolean;
}

export interface CapacityPlan {
  timeZone: string;
  demandFactor: number;
  handling: {
    historyWeeks: number;
    answered: number;
    workingHours: number;
    leadsPerWorkingHour: number | null;
    medianHoursToClose: number | null;
  };
  data: PlanWeek[];
  channels: ChannelTrend[];
  crossing: { week: string; start: string } | null;
  throttle: ThrottleStep[];
}

const WEEK_MS = 7 * 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The `count` full weeks before the week containing `now`, oldest first. */
export function pastWeeks(timeZone: string, now: Date, count: number): CapacityWindow[] {
  const out: CapacityWindow[] = [];
  let start = windowFor('week', timeZone, now).start;
  for (let i = 0; i < count; i++) {
    // Half a week back lands inside the previous week whatever its length (167 to 169 hours).
    const w = windowFor('week', timeZone, new Date(start.getTime() - WEEK_MS / 2));
    out.unshift(w);
    start = w.start;
  }
  return out;
}

/** The `count` weeks after the week containing `now`. */
export function nextWeeks(timeZone: string, now: Date, count: number): CapacityWindow[] {
  const out: CapacityWindow[] = [];
  let end = windowFor('week', timeZone, now).end;
  for (let i = 0; i < count; i++) {
    const w = windowFor('week', timeZone, new Date(end.getTime() + WEEK_MS / 2));
    out.push(w);
    end = w.end;
  }
  return out;
}

/**
 * A rep's working hours between two instants: open time of their calendar (in their own zone, so a
 * DST week keeps its 40 hours) minus the open time inside their out-of-office periods.
 */
export function repWorkingHours(rep: PlanRep, from: Date, to: Date): number {
  if (!rep.active) return 0;
  const cal = rep.workingHours ?? ALWAYS_OPEN;
  let minutes = businessMinutesBetween(cal, from, to);
  for (const [a, b] of mergedPeriods(rep.outOfOffice, from, to)) minutes -= businessMinutesBetween(cal, a, b);
  return Math.max(0, minutes / 60);
}

/** Out-of-office periods cut to [from, to) and merged, so overlapping ones are not taken out twice. */
function mergedPeriods(periods: PlanRep['outOfOffice'], from: Date, to: Date): [Date, Date][] {
  const cut = periods
    .map((p) => [Math.max(Date.parse(p.from), from.getTime()), Math.min(Date.parse(p.to), to.getTime())] as const)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a < b)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of cut) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out.map(([a, b]) => [new Date(a), new Date(b)]);
}

export const teamWorkingHours = (reps: readonly PlanRep[], w: CapacityWindow) =>
  reps.reduce((sum, r) => sum + repWorkingHours(r, w.start, w.end), 0);

/**
 * Ordinary least squares of y over x = 0…n−1.
 * @example leastSquares([2, 4, 6]) // { slope: 2, intercept: 2 }
 */
export function leastSquares(ys: readonly number[]): { slope: number; intercept: number } {
  const n = ys.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i]! - my);
    sxx += (i - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export function capacityPlan(input: PlanInput): CapacityPlan {
  const { history } = input;
  const n = history.weeks.length;
  const pastHours = history.weeks.reduce((sum, w) => sum + teamWorkingHours(input.reps, w), 0);
  const rate = history.answered > 0 && pastHours > 0 ? history.answered / pastHours : null;

  const index = new Map(history.weeks.map((w, i) => [w.start.toISOString(), i]));
  const series = new Map<string, number[]>();
  for (const d of history.demand) {
    const i = index.get(new Date(d.weekStart).toISOString());
    if (i === undefined) continue;
    if (!series.has(d.channel)) series.set(d.channel, new Array(n).fill(0));
    series.get(d.channel)![i]! += d.leads;
  }
  const scoreOf = new Map(input.scores.map((s) => [s.channel, s]));
  const fits = [...series.entries()]
    .map(([channel, ys]) => ({ channel, ys, fit: leastSquares(ys) }))
    .sort((a, b) => a.channel.localeCompare(b.channel));
  const channels: ChannelTrend[] = fits.map(({ channel, ys, fit }) => ({
    channel,
    averagePerWeek: round1(ys.reduce((a, b) => a + b, 0) / Math.max(1, n)),
    trendPerWeek: round1(fit.slope),
    score: scoreOf.get(channel)?.score ?? null,
    scoreLeads: scoreOf.get(channel)?.leads ?? null,
    currency: scoreOf.get(channel)?.currency ?? null,
  }));

  let backlog = 0;
  const data: PlanWeek[] = nextWeeks(input.timeZone, input.now, input.weeks).map((w, k) => {
    // History weeks are x = 0…n−1, the current week x = n, so the k-th week ahead is x = n + 1 + k.
    const x = n + 1 + k;
    const demandByChannel = fits.map(({ channel, fit }) => ({
      channel,
      leads: Math.max(0, Math.round((fit.intercept + fit.slope * x) * input.demandFactor)),
    }));
    const demand = demandByChannel.reduce((s, c) => s + c.leads, 0);
    const workingHours = teamWorkingHours(input.reps, w);
    const capacity = rate === null ? null : Math.floor(rate * workingHours);
    let slaMisses: number | null = null;
    let carried: number | null = null;
    if (capacity !== null) {
      const left = backlog + demand - capacity;
      slaMisses = Math.max(0, Math.min(demand, left));
      backlog = Math.max(0, left);
      carried = backlog;
    }
    return {
      week: w.key,
      start: w.start.toISOString(),
      end: w.end.toISOString(),
      workingHours: round1(workingHours),
      capacity,
      demand,
      demandByChannel,
      overCapacity: capacity !== null && demand > capacity,
      slaMisses,
      backlog: carried,
    };
  });

  const cross = data.find((w) => w.overCapacity) ?? null;
  return {
    timeZone: input.timeZone,
    demandFactor: input.demandFactor,
    handling: {
      historyWeeks: n,
      answered: history.answered,
      workingHours: round1(pastHours),
      leadsPerWorkingHour: rate === null ? null : Math.round(rate * 1000) / 1000,
      medianHoursToClose: history.medianHoursToClose === null ? null : round1(history.medianHoursToClose),
    },
    data,
    channels,
    crossing: cross ? { week: cross.week, start: cross.start } : null,
    throttle: cross ? throttleOrder(cross, scoreOf) : [],
  };
}

/**
 * Channels to hold back at the crossing week, lowest quality first; channels not scored yet come
 * last (nothing says they are poor), then by fewest leads lost.
 */
function throttleOrder(week: PlanWeek, scores: Map<string, { score: number }>): ThrottleStep[] {
  const order = week.demandByChannel
    .filter((c) => c.leads > 0)
    .map((c) => ({ ...c, score: scores.get(c.channel)?.score ?? null }))
    .sort(
      (a, b) =>
        (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
        (a.score ?? 0) - (b.score ?? 0) ||
        a.leads - b.leads ||
        a.channel.localeCompare(b.channel),
    );
  let demand = week.demand;
  return order.map((c) => {
    demand -= c.leads;
    return {
      channel: c.channel,
      score: c.score,
      leadsPerWeek: c.leads,
      demandAfter: demand,
      enough: demand <= week.capacity!,
    };
  });
}
