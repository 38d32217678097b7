import { DAY_MS, hasHolidayBetween, holidayCovering, weekdayIndex, type CompiledCalendar } from './compiled';
import { offsetSegmentAt } from './zone-offsets';

/**
 * The one loop behind every clock function: visit a calendar's open time in instant order.
 *
 * It walks the zone's offset segments (between DST transitions), and inside each segment the
 * local days, clipping every wall-clock interval to the segment. Because wall time is a straight
 * line inside a segment, this gives the rules of the product for free:
 * - spring-forward gap: a wall time that never shows (02:30 on 2026-03-08 in New York) is never
 *   open; an interval starting in the gap opens at the transition, the first moment the wall
 *   clock shows a time past its start;
 * - fall-back overlap: a wall time that shows twice (01:30 on 2026-11-01 in New York) is open
 *   both times, so a 00:00–03:00 shift that night lasts four real hours.
 * Holiday ranges are jumped over, and a whole holiday-free week is offered to the visitor as
 * one piece (`wholeWeek`), which keeps a 100,000-minute budget to a few dozen steps.
 */
export interface OpenTimeVisitor {
  /** An open interval [startMs, endMs) of instants; return false to stop the walk. */
  interval(startMs: number, endMs: number): boolean;
  /**
   * Offered when the next 7 local days are holiday-free, start at local midnight and keep one
   * offset (so their open time is exactly `openMs` real ms). Return true to take them whole.
   */
  wholeWeek?(openMs: number): boolean;
}

/** Visits open time in [fromMs, limitMs). `limitMs` may be Infinity when the visitor stops itself. */
export function walkOpenTime(cal: CompiledCalendar, fromMs: number, limitMs: number, visitor: OpenTimeVisitor): void {
  if (fromMs >= limitMs) return;
  if (cal.alwaysOpen) {
    visitor.interval(fromMs, limitMs);
    return;
  }
  // No open hour in the week: nothing will ever be visited (and an unbounded walk would not end).
  if (cal.weekOpenMs === 0) return;

  let t = fromMs;
  while (t < limitMs) {
    const segment = offsetSegmentAt(cal.timeZone, t);
    const offset = segment.offsetMs;
    const segmentEndMs = Math.min(segment.untilMs, limitMs);
    const wallEnd = segmentEndMs + offset;
    let wall = t + offset;
    let day = Math.floor(wall / DAY_MS);

    while (wall < wallEnd) {
      const dayStart = day * DAY_MS;
      const holiday = holidayCovering(cal, day);
      if (holiday) {
        day = holiday[1] + 1;
        wall = day * DAY_MS;
        continue;
      }
      const canSkipWeek =
        visitor.wholeWeek !== undefined &&
        wall === dayStart &&
        dayStart + 7 * DAY_MS <= wallEnd &&
        !hasHolidayBetween(cal, day, day + 6);
      if (canSkipWeek && visitor.wholeWeek!(cal.weekOpenMs)) {
        day += 7;
        wall = day * DAY_MS;
        continue;
      }
      const spans = cal.weekly[weekdayIndex(day)]!;
      for (let i = 0; i < spans.length; i++) {
        const start = Math.max(dayStart + spans[i]![0], wall);
        const end = Math.min(dayStart + spans[i]![1], wallEnd);
        if (end > start && !visitor.interval(start - offset, end - offset)) return;
      }
      day += 1;
      wall = day * DAY_MS;
    }
    t = segmentEndMs;
  }
}

/** Is the wall clock at `atMs` inside an open interval on a non-holiday day? */
export function isOpenAtMs(cal: CompiledCalendar, atMs: number): boolean {
  if (cal.alwaysOpen) return true;
  const wall = atMs + offsetSegmentAt(cal.timeZone, atMs).offsetMs;
  const day = Math.floor(wall / DAY_MS);
  if (holidayCovering(cal, day)) return false;
  const sinceMidnight = wall - day * DAY_MS;
  return cal.weekly[weekdayIndex(day)]!.some(([open, close]) => sinceMidnight >= open && sinceMidnight < close);
}
