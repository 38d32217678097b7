/**
 * Editors for when someone is at work: weekly open intervals (several per day), holidays (a day or an
 * inclusive range) and out-of-office periods. Each control has its own label naming the day and the
 * interval, so a screen reader (and a test) can tell "Tuesday opens, interval 2" from the others.
 */
import type { WorkingHours } from '../api';
import { TextInput } from './field';

export type Weekly = WorkingHours['weekly'];
export type Holiday = WorkingHours['holidays'][number];
export type Interval = { start: string; end: string };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The same interval on the chosen days. */
export function weeklyOf(days: readonly Weekday[], start = '09:00', end = '17:00'): Weekly {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, days.includes(d) ? [{ start, end }] : []])) as Weekly;
}

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00": days with the same intervals are grouped. */
export function describeWeekly(weekly: Weekly): string {
  const text = (d: Weekday) => (weekly[d] ?? []).map((i) => `${i.start}–${i.end}`).join(', ');
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const t = text(WEEKDAYS[i]!);
    let j = i;
    while (j + 1 < WEEKDAYS.length && text(WEEKDAYS[j + 1]!) === t) j++;
    if (t) {
      const name = (d: Weekday) => DAY_NAMES[d].slice(0, 3);
      parts.push(`${i === j ? name(WEEKDAYS[i]!) : `${name(WEEKDAYS[i]!)}–${name(WEEKDAYS[j]!)}`} ${t}`);
    }
    i = j + 1;
  }
  return parts.join(' · ') || 'never open';
}

export function WeeklyEditor({
  value,
  onChange,
  disabled,
}: {
  value: Weekly;
  onChange(v: Weekly): void;
  disabled?: boolean;
}) {
  const set = (d: Weekday, list: Interval[]) => onChange({ ...value, [d]: list });
  return (
    <fieldset class="weekly" disabled={disabled}>
      <legend>Weekly hours</legend>
      <p class="help">
        Local wall-clock times as HH:MM, opening – closing (24:00 for midnight); several intervals a day for a lunch
        break.
      </p>
      {WEEKDAYS.map((d) => {
        const list = value[d] ?? [];
        return (
          <fieldset class="weekday" key={d}>
            <legend class="weekday-name">{DAY_NAMES[d]}</legend>
            {list.length === 0 && <span class="muted">closed</span>}
            {list.map((iv, k) => (
              <div class="interval" key={k}>
                <TextInput
                  class="compact"
                  label={`${DAY_NAMES[d]} opens${list.length > 1 ? `, interval ${k + 1}` : ''}`}
                  value={iv.start}
                  placeholder="HH:MM"
                  maxLength={5}
                  onValue={(start) =>
                    set(
                      d,
                      list.map((x, n) => (n === k ? { ...x, start } : x)),
                    )
                  }
                />
                <span aria-hidden="true">–</span>
                <TextInput
                  class="compact"
                  label={`${DAY_NAMES[d]} closes${list.length > 1 ? `, interval ${k + 1}` : ''}`}
                  value={iv.end}
                  placeholder="HH:MM"
                  maxLength={5}
                  onValue={(end) =>
                    set(
                      d,
                      list.map((x, n) => (n === k ? { ...x, end } : x)),
                    )
                  }
                />
                <button
                  type="button"
                  class="secondary small"
                  onClick={() =>
                    set(
                      d,
                      list.filter((_, n) => n !== k),
                    )
                  }
                >
                  Remove
                  <span class="sr-only">
                    {' '}
                    {DAY_NAMES[d]} interval {k + 1}
                  </span>
                </button>
              </div>
            ))}
            <button
              type="button"
              class="secondary small"
              onClick={() =>
                set(d, [...list, list.length ? { start: '13:00', end: '17:00' } : { start: '09:00', end: '17:00' }])
              }
            >
              Add hours<span class="sr-only"> on {DAY_NAMES[d]}</span>
            </button>
          </fieldset>
        );
      })}
      <div class="button-row">
        <button
          type="button"
          class="secondary small"
          onClick={() => onChange(copyDay(value, 'mon', WEEKDAYS.slice(1, 5)))}
        >
          Copy Monday to Tuesday–Friday
        </button>
      </div>
    </fieldset>
  );
}

export function copyDay(weekly: Weekly, from: Weekday, to: readonly Weekday[]): Weekly {
  const src = weekly[from] ?? [];
  return { ...weekly, ...Object.fromEntries(to.map((d) => [d, src.map((i) => ({ ...i }))])) };
}

export function HolidaysEditor({
  value,
  onChange,
  disabled,
}: {
  value: Holiday[];
  onChange(v: Holiday[]): void;
  disabled?: boolean;
}) {
  const set = (k: number, h: Holiday) => onChange(value.map((x, n) => (n === k ? h : x)));
  return (
    <fieldset disabled={disabled}>
      <legend>Holidays</legend>
      {value.length === 0 && <p class="muted">No holidays.</p>}
      {value.map((h, k) => {
        const from = 'date' in h ? h.date : h.from;
        const to = 'date' in h ? '' : h.to;
        const at = (f: string, t: string): Holiday => (t && t !== f ? { from: f, to: t } : { date: f });
        return (
          <div class="row" key={k}>
            <TextInput label={`Holiday ${k + 1} from`} type="date" value={from} onValue={(f) => set(k, at(f, to))} />
            <TextInput
              label={`Holiday ${k + 1} until (optional)`}
              type="date"
              value={to}
              onValue={(t) => set(k, at(from, t))}
            />
            <button type="button" class="secondary small" onClick={() => onChange(value.filter((_, n) => n !== k))}>
              Remove<span class="sr-only"> holiday {k + 1}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        class="secondary small"
        onClick={() => onChange([...value, { date: new Date().toISOString().slice(0, 10) }])}
      >
        Add a holiday
      </button>
    </fieldset>
  );
}
