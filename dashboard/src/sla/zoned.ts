/**
 * Wall-clock times in a calendar's own zone, with Intl only (the API's Temporal-based clock is too
 * large to ship here; the due time itself comes from the API's preview endpoint).
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, ms: number): number[] {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return [+p.year!, +p.month!, +p.day!, +p.hour!, +p.minute!, +p.second!];
}

const offsetAt = (timeZone: string, ms: number) => {
  const [y, mo, d, h, mi, s] = partsIn(timeZone, ms) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - (ms - (ms % 1000));
};

/** '2026-12-04T17:30' in `timeZone` as an instant (a time skipped by DST moves forward by the gap). */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const first = guess - offsetAt(timeZone, guess);
  return new Date(guess - offsetAt(timeZone, first));
}

/** The next `weekday` (0 = Sunday … 5 = Friday) at `hhmm` in `timeZone`, as a datetime-local value. */
export function nextLocal(timeZone: string, weekday: number, hhmm: string, now = Date.now()): string {
  const [y, mo, d] = partsIn(timeZone, now) as [number, number, number];
  const today = new Date(Date.UTC(y, mo - 1, d));
  const ahead = (weekday - today.getUTCDay() + 7) % 7 || 7;
  const day = new Date(today.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${hhmm}`;
}

/** "Friday 17:30", or "Monday 10:00 (14 Dec)" when it is more than six days after `from`. */
export function wallClock(at: Date, timeZone: string, from?: Date): string {
  const text = at.toLocaleString('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit' });
  const far = from && at.getTime() - from.getTime() > 6 * 86_400_000;
  return far ? `${text} (${at.toLocaleDateString('en-GB', { timeZone, day: 'numeric', month: 'short' })})` : text;
}
