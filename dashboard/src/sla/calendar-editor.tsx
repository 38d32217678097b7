/**
 * A business-hours calendar: its name, zone, 24/7 or weekly hours, holidays; and the preview sentence
 * "a lead at Friday 17:30 is due Monday 10:00", asked of the API's own clock for a saved calendar.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, enc, patch, post, type BusinessHours } from '../api';
import { Select, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { browserZone, ZonePicker } from '../ui/time-zone';
import { toast } from '../ui/toast';
import { HolidaysEditor, WeeklyEditor, weeklyOf } from '../ui/weekly-hours';
import { useApi } from '../use-api';
import { nextLocal, wallClock, zonedToInstant } from './zoned';

type Calendar = BusinessHours['calendar'];

export function Preview({ cal, minutes: target }: { cal: BusinessHours; minutes: number }) {
  const tz = cal.calendar.timeZone;
  const [local, setLocal] = useState(() => nextLocal(tz, 5, '17:30'));
  const [minutes, setMinutes] = useState(String(target));
  const at = zonedToInstant(local, tz);
  const ok = at !== null && /^\d{1,6}$/.test(minutes);
  const due = useApi<{ dueAt: string }>(
    ok ? `/v1/business-hours/${enc(cal.id)}/preview?from=${enc(at.toISOString())}&minutes=${minutes}` : null,
  );
  return (
    <div class="preview">
      <div class="row">
        <TextInput label={`A lead arriving at (${tz})`} type="datetime-local" value={local} onValue={setLocal} />
        <TextInput label="Target (minutes)" type="number" min="0" value={minutes} onValue={setMinutes} />
      </div>
      <p role="status" class="preview-sentence">
        {ok && due.data
          ? `A lead at ${wallClock(at, tz)} is due ${wallClock(new Date(due.data.dueAt), tz, at)}.`
          : (due.error ?? '')}
      </p>
    </div>
  );
}

export function CalendarEditor({
  cal,
  canEdit,
  onDone,
}: {
  cal: BusinessHours | null;
  canEdit: boolean;
  onDone(): void;
}) {
  const [name, setName] = useState(cal?.name ?? '');
  const [c, setC] = useState<Calendar>(
    () =>
      cal?.calendar ?? {
        timeZone: browserZone(),
        mode: 'business',
        weekly: weeklyOf(['mon', 'tue', 'wed', 'thu', 'fri']),
        holidays: [],
      },
  );
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const calendarError = problem?.errors.find((e) => e.path.startsWith('calendar'));
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const body = { name, calendar: c };
      if (cal) await patch(`/v1/business-hours/${enc(cal.id)}`, body);
      else await post('/v1/business-hours', body);
      toast(`${name} saved.`);
      onDone();
    });
  };
  return (
    <form onSubmit={save} aria-label={cal ? `Edit calendar ${cal.name}` : 'New calendar'}>
      <fieldset class="plain" disabled={!canEdit}>
        <div class="row">
          <TextInput
            label="Calendar name"
            value={name}
            onValue={setName}
            required
            error={problem?.fieldError('name')}
          />
          <ZonePicker value={c.timeZone} onValue={(timeZone) => setC({ ...c, timeZone })} />
          <Select
            label="Open"
            value={c.mode}
            onValue={(mode) => setC({ ...c, mode: mode as Calendar['mode'] })}
            options={[
              ['business', 'During these hours'],
              ['calendar', 'Around the clock (24/7)'],
            ]}
          />
        </div>
        {c.mode === 'business' && (
          <>
            <WeeklyEditor value={c.weekly} onChange={(weekly) => setC({ ...c, weekly })} />
            <HolidaysEditor value={c.holidays} onChange={(holidays) => setC({ ...c, holidays })} />
          </>
        )}
        {calendarError && (
          <p class="error">
            {calendarError.path}: {calendarError.message}
          </p>
        )}
        <ErrorNote error={calendarError ? null : action.error} />
        {canEdit && (
          <button type="submit" disabled={action.busy}>
            {cal ? 'Save calendar' : 'Create calendar'}
          </button>
        )}
      </fieldset>
    </form>
  );
}
