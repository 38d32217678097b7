/** A date range kept in the URL (`from`, `to` as YYYY-MM-DD, local days), with quick presets. */
import { setQuery } from '../router';

const DAY = 86_400_000;
export const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The API's `from` / `to` (ISO instants; `to` is exclusive: the day after the last day shown). */
export function rangeParams(q: Record<string, string>, defaultDays = 30): { from: string; to: string } {
  const to = q.to ? new Date(`${q.to}T00:00:00`) : new Date(`${isoDay(new Date())}T00:00:00`);
  const from = q.from ? new Date(`${q.from}T00:00:00`) : new Date(to.getTime() - (defaultDays - 1) * DAY);
  return { from: from.toISOString(), to: new Date(to.getTime() + DAY).toISOString() };
}

export function DateRange({ q, presets = [7, 30, 90] }: { q: Record<string, string>; presets?: number[] }) {
  const preset = (days: number) => {
    const today = new Date();
    setQuery({ from: isoDay(new Date(today.getTime() - (days - 1) * DAY)), to: isoDay(today) });
  };
  return (
    <fieldset class="date-range">
      <legend>Date range</legend>
      <div class="field">
        <label for="range-from">From</label>
        <input
          id="range-from"
          type="date"
          value={q.from ?? ''}
          onChange={(e) => setQuery({ from: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="range-to">To</label>
        <input id="range-to" type="date" value={q.to ?? ''} onChange={(e) => setQuery({ to: e.currentTarget.value })} />
      </div>
      <div class="presets">
        {presets.map((d) => (
          <button type="button" class="secondary" onClick={() => preset(d)}>
            Last {d} days
          </button>
        ))}
      </div>
    </fieldset>
  );
}
