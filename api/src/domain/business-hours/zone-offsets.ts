import { Temporal } from 'temporal-polyfill';

/**
 * A zone's UTC offset as a piecewise-constant function of the instant.
 *
 * Between two transitions, wall time = instant + offset, a straight line; the clock walks
 * these pieces one at a time, which is what makes DST gaps and overlaps come out right.
 * Looking up transitions costs ~150 µs in the polyfill, so each (zone, UTC year) is
 * computed once and memoised: tz rules are fixed for the process, so the cache never
 * changes an answer, only its cost.
 */
interface Transition {
  atMs: number;
  offsetMs: number;
}

interface YearOffsets {
  endMs: number;
  startOffsetMs: number;
  transitions: Transition[];
}

export interface OffsetSegment {
  offsetMs: number;
  /** When this offset stops holding: the next transition, or the end of the UTC year (same offset after it). */
  untilMs: number;
}

const cache = new Map<string, Map<number, YearOffsets>>();

function buildYear(timeZone: string, year: number): YearOffsets {
  const startMs = Date.UTC(year, 0, 1);
  const endMs = Date.UTC(year + 1, 0, 1);
  let cursor = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(timeZone);
  const startOffsetMs = cursor.offsetNanoseconds / 1e6;
  const transitions: Transition[] = [];
  for (;;) {
    const next = cursor.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= endMs) break;
    transitions.push({ atMs: next.epochMilliseconds, offsetMs: next.offsetNanoseconds / 1e6 });
    cursor = next;
  }
  return { endMs, startOffsetMs, transitions };
}

function yearOffsets(timeZone: string, year: number): YearOffsets {
  let byYear = cache.get(timeZone);
  if (!byYear) cache.set(timeZone, (byYear = new Map()));
  let entry = byYear.get(year);
  if (!entry) byYear.set(year, (entry = buildYear(timeZone, year)));
  return entry;
}

/** The offset in force at `atMs` and until when it holds. */
export function offsetSegmentAt(timeZone: string, atMs: number): OffsetSegment {
  const table = yearOffsets(timeZone, new Date(atMs).getUTCFullYear());
  let offsetMs = table.startOffsetMs;
  for (const t of table.transitions) {
    if (t.atMs > atMs) return { offsetMs, untilMs: t.atMs };
    offsetMs = t.offsetMs;
  }
  return { offsetMs, untilMs: table.endMs };
}
