/**
 * Capacity: the windows a form's limit is counted in, and the gate's pure decision of what a
 * visitor sees (open, waitlist, closed, redirect). The count itself is taken atomically in the
 * database; this file only decides from the numbers it is given.
 */
import { Temporal } from 'temporal-polyfill';
import { SCORE_DIMENSIONS, type ScoreDimension } from './retention';
import { z } from './zod';

export const WINDOW_KINDS = ['day', 'week', 'month'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface CapacityWindow {
  start: Date;
  end: Date;
  /** Stable name of the window, e.g. '2026-03-08', '2026-W10' (ISO week-year), '2026-03'. */
  key: string;
}

/**
 * The day, ISO week (Monday first) or month containing `at`, in `timeZone`. Windows start at
 * local midnight, so a day can last 23 or 25 hours across DST; where midnight itself is skipped
 * (a DST jump at 00:00), the window starts at the first instant of that local day.
 * @example windowFor('day', 'America/New_York', new Date('2026-03-08T12:00:00Z'))
 * // { start: 2026-03-08T05:00Z, end: 2026-03-09T04:00Z, key: '2026-03-08' } (23 hours)
 */
export function windowFor(kind: WindowKind, timeZone: string, at: Date): CapacityWindow {
  const date = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  let first: Temporal.PlainDate;
  let next: Temporal.PlainDate;
  let key: string;
  if (kind === 'day') {
    first = date;
    next = date.add({ days: 1 });
    key = date.toString();
  } else if (kind === 'week') {
    first = date.subtract({ days: date.dayOfWeek - 1 });
    next = first.add({ weeks: 1 });
    // ISO week-year: 2027-01-01 (a Friday) belongs to 2026-W53.
    key = `${date.yearOfWeek ?? date.year}-W${String(date.weekOfYear ?? 0).padStart(2, '0')}`;
  } else {
    first = date.with({ day: 1 });
    next = first.add({ months: 1 });
    key = date.toPlainYearMonth().toString();
  }
  const startOf = (d: Temporal.PlainDate) => new Date(d.toZonedDateTime({ timeZone }).epochMilliseconds);
  return { start: startOf(first), end: startOf(next), key };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date of `at` in `timeZone`, as `windowFor('day', …).key` names it, without building the
 * window (form views are counted on every widget load).
 * @example localDay('Pacific/Auckland', new Date('2026-03-08T12:00:00Z')) // '2026-03-09'
 */
export function localDay(timeZone: string, at: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format)
    dayFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return format.format(at);
}

const Message = z.string().trim().min(1).max(500);

export const WhenFull = z.discriminatedUnion('action', [
  z.object({ action: z.literal('waitlist'), message: Message.optional() }),
  z.object({ action: z.literal('closed'), message: Message.optional() }),
  // Only http(s): the widget navigates to it, and a javascript: URL would run in the host page.
  z.object({ action: z.literal('redirect'), url: z.url({ protocol: /^https?$/ }) }),
]);
export type WhenFull = z.infer<typeof WhenFull>;

/**
 * @example
 * CapacityPolicy.parse({ limit: { count: 50, per: 'week' }, whenFull: { action: 'waitlist', message: 'We reply within 3 days' }, softThreshold: 0.8 })
 */
export const CapacityPolicy = z.object({
  limit: z.object({ count: z.number().int().min(0), per: z.enum(WINDOW_KINDS) }).optional(),
  /** Also cap by the team's remaining open-lead capacity (computed by routing, passed in as `teamRemaining`). */
  teamDerived: z.boolean().optional(),
  schedule: z
    .object({
      opensAt: z.iso.datetime({ offset: true }).optional(),
      closesAt: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((s) => !s.opensAt || !s.closesAt || Date.parse(s.opensAt) < Date.parse(s.closesAt), {
      message: 'the schedule must open before it closes',
      path: ['closesAt'],
    })
    .optional(),
  whenFull: WhenFull,
  softThreshold: z.number().gt(0).lt(1).optional(),
  /**
   * When places are short, low-quality sources are held back first: the window's last
   * `reservedPlaces` go only to leads whose first touch's stored quality score (source, campaign or
   * channel) is not below `belowScore`; a lead with no stored score is not held back.
   */
  holdBack: z
    .object({
      dimension: z.enum(SCORE_DIMENSIONS).default('source'),
      belowScore: z.number(),
      reservedPlaces: z.number().int().min(1),
    })
    .optional(),
});
export type CapacityPolicy = z.infer<typeof CapacityPolicy>;

/**
 * Places of the window a lead of this quality may not take (0: it competes for all of them).
 * @example reservedFrom({ holdBack: { dimension: 'source', belowScore: 500, reservedPlaces: 3 }, … }, { source: 120, … }) // 3
 */
export function reservedFrom(
  policy: CapacityPolicy,
  quality: Partial<Record<ScoreDimension, number | null>> | undefined,
): number {
  const h = policy.holdBack;
  if (!h || !policy.limit) return 0;
  const score = quality?.[h.dimension];
  return score !== null && score !== undefined && score < h.belowScore ? h.reservedPlaces : 0;
}

export type AvailabilityState = 'open' | 'waitlist' | 'closed' | 'redirect';

/** What the widget is told (`state`, `message`, `reopensAt`, `url`) plus what the gate needs (`remaining`). */
export interface Availability {
  state: AvailabilityState;
  message?: string;
  /** ISO instant (UTC) when the form is expected to take leads again, where known. */
  reopensAt?: string;
  url?: string;
  /** Leads still accepted before the form is full; null when nothing limits it. */
  remaining: number | null;
}

export interface CapacityUsage {
  /** Leads accepted in the current window (see `windowFor` with the policy's `limit.per`). */
  used: number;
  /** The team's remaining capacity; null when not computed (then it limits nothing). */
  teamRemaining: number | null;
  now: Date;
  timeZone: string;
}

/**
 * The window the policy's fixed limit is counted in right now; null when it has no fixed limit.
 * @example limitWindow(policy, 'Europe/Paris', now)?.key // '2026-W10' for a weekly limit
 */
export function limitWindow(policy: CapacityPolicy, timeZone: string, now: Date): CapacityWindow | null {
  return policy.limit ? windowFor(policy.limit.per, timeZone, now) : null;
}

const isoInstant = (ms: number) => new Date(ms).toISOString();

/** What a form that cannot take leads normally shows, per the customer's `whenFull` choice. */
function notOpen(
  whenFull: WhenFull,
  remaining: number | null,
  reopensAt: string | undefined,
  endedForGood: boolean,
): Availability {
  if (whenFull.action === 'redirect') return { state: 'redirect', url: whenFull.url, remaining };
  const when = reopensAt ? { reopensAt } : {};
  // After the schedule has ended nothing would ever promote a waitlisted lead, so the form closes
  // instead, without the waitlist's "we'll be in touch" message.
  if (whenFull.action === 'waitlist' && !endedForGood) {
    return { state: 'waitlist', ...(whenFull.message ? { message: whenFull.message } : {}), ...when, remaining };
  }
  const message = whenFull.action === 'closed' ? whenFull.message : undefined;
  return { state: 'closed', ...(message ? { message } : {}), ...when, remaining };
}

/**
 * The gate's decision. Outside the schedule, or when the tighter of the window limit and the
 * team's remaining capacity is used up, the policy's `whenFull` action applies. `reopensAt` is the
 * schedule's opening when not open yet, else the next window start when the window limit is what
 * is full (unknown, so absent, when the team is full: it frees when leads close).
 * @example
 * availability({ limit: { count: 10, per: 'day' }, whenFull: { action: 'closed' } },
 *   { used: 10, teamRemaining: null, now, timeZone: 'Asia/Kolkata' })
 * // { state: 'closed', reopensAt: '<next local midnight, in UTC>', remaining: 0 }
 */
export function availability(policy: CapacityPolicy, usage: CapacityUsage): Availability {
  const nowMs = usage.now.getTime();
  const windowRemaining = policy.limit ? Math.max(0, policy.limit.count - Math.max(0, usage.used)) : null;
  const teamRemaining = policy.teamDerived && usage.teamRemaining !== null ? Math.max(0, usage.teamRemaining) : null;
  const remaining =
    windowRemaining === null
      ? teamRemaining
      : teamRemaining === null
        ? windowRemaining
        : Math.min(windowRemaining, teamRemaining);

  const opensAtMs = policy.schedule?.opensAt ? Date.parse(policy.schedule.opensAt) : null;
  const closesAtMs = policy.schedule?.closesAt ? Date.parse(policy.schedule.closesAt) : null;
  if (closesAtMs !== null && nowMs >= closesAtMs) return notOpen(policy.whenFull, remaining, undefined, true);
  if (opensAtMs !== null && nowMs < opensAtMs) return notOpen(policy.whenFull, remaining, isoInstant(opensAtMs), false);
  if (remaining === null || remaining > 0) return { state: 'open', remaining };

  let reopensAt: string | undefined;
  if (policy.limit && windowRemaining === 0 && (teamRemaining === null || teamRemaining > 0)) {
    const nextWindowMs = windowFor(policy.limit.per, usage.timeZone, usage.now).end.getTime();
    if (closesAtMs === null || nextWindowMs < closesAtMs) reopensAt = isoInstant(nextWindowMs);
  }
  return notOpen(policy.whenFull, remaining, reopensAt, false);
}

/**
 * Did this acceptance cross the soft threshold (e.g. 80% used)? True for exactly one step per
 * window: the one that takes the count from below the mark to at or above it.
 * @example crossedSoftThreshold({ softThreshold: 0.8, whenFull }, 7, 8, 10) // true; (8, 9, 10) → false
 */
export function crossedSoftThreshold(
  policy: CapacityPolicy,
  usedBefore: number,
  usedAfter: number,
  limit: number,
): boolean {
  if (policy.softThreshold === undefined || limit <= 0) return false;
  // The smallest count at or above the threshold; the epsilon absorbs float noise
  // (0.7 * 10 is 7.000000000000001, which must still mark at 7, not 8).
  const mark = Math.max(1, Math.ceil(policy.softThreshold * limit - 1e-9));
  return usedBefore < mark && usedAfter >= mark;
}
