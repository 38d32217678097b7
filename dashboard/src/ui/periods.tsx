/** Out-of-office periods: from and until (in this browser's zone, stored as instants) and a note. */
import { TextInput } from './field';

export interface Period {
  from: string;
  to: string;
  note?: string;
}

/** An ISO instant as a `datetime-local` value in this browser's zone ('' for none). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (this browser's zone) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(local: string): string {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

export function PeriodsEditor({
  value,
  onChange,
  disabled,
}: {
  value: Period[];
  onChange(v: Period[]): void;
  disabled?: boolean;
}) {
  const set = (k: number, p: Partial<Period>) => onChange(value.map((x, n) => (n === k ? { ...x, ...p } : x)));
  return (
    <fieldset disabled={disabled}>
      <legend>Out of office</legend>
      {value.length === 0 && <p class="muted">No periods planned.</p>}
      {value.map((p, k) => (
        <div class="row" key={k}>
          <TextInput
            label={`Away ${k + 1} from`}
            type="datetime-local"
            value={toLocalInput(p.from)}
            onValue={(v) => set(k, { from: fromLocalInput(v) })}
          />
          <TextInput
            label={`Away ${k + 1} until`}
            type="datetime-local"
            value={toLocalInput(p.to)}
            onValue={(v) => set(k, { to: fromLocalInput(v) })}
          />
          <TextInput
            label={`Away ${k + 1} note`}
            value={p.note ?? ''}
            maxLength={500}
            onValue={(note) => set(k, { note: note || undefined })}
          />
          <button type="button" class="secondary small" onClick={() => onChange(value.filter((_, n) => n !== k))}>
            Remove<span class="sr-only"> away period {k + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary small"
        onClick={() => {
          const from = new Date(Date.now() + 86_400_000);
          from.setHours(0, 0, 0, 0);
          onChange([
            ...value,
            { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() },
          ]);
        }}
      >
        Add a period
      </button>
    </fieldset>
  );
}

/** "away until 12 Dec" when a period covers `now`, "away from 3 Jan" for the next one, else ''. */
export function awayNote(periods: Period[], now = Date.now()): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  const current = periods.find((p) => Date.parse(p.from) <= now && now < Date.parse(p.to));
  if (current) return `away until ${day(current.to)}`;
  const next = periods.filter((p) => Date.parse(p.from) > now).sort((a, b) => a.from.localeCompare(b.from))[0];
  return next ? `away from ${day(next.from)}` : '';
}
