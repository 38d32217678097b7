/** Business-hours calendars (with a preview sentence) and SLA policies in the order they are tried. */
import { useState } from 'preact/hooks';
import { enc, getAll, post, type BusinessHours, type SlaPolicy } from '../api';
import { weeklyHours } from '../team/team-page';
import { Checkbox, Select, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

const fmt = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('en-GB', {
    timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    day: 'numeric',
    month: 'short',
  });

/** "A lead at Friday 17:30 is due Monday 10:00": the calendar's answer for a sample moment. */
function Preview({ cal }: { cal: BusinessHours }) {
  const [from, setFrom] = useState(() => new Date(Date.now() - (Date.now() % 3_600_000)).toISOString().slice(0, 16));
  const [minutes, setMinutes] = useState('60');
  const at = new Date(from);
  const ok = !Number.isNaN(at.getTime()) && /^\d+$/.test(minutes);
  const due = useApi<{ dueAt: string }>(
    ok ? `/v1/business-hours/${enc(cal.id)}/preview?from=${enc(at.toISOString())}&minutes=${minutes}` : null,
  );
  const tz = cal.calendar.timeZone;
  return (
    <div class="row">
      <TextInput label="A lead arriving at" type="datetime-local" value={from} onValue={setFrom} />
      <TextInput label="Target (minutes)" type="number" min="0" value={minutes} onValue={setMinutes} />
      <p role="status" class="preview-sentence">
        {due.data && ok
          ? `A lead at ${fmt(at.toISOString(), tz)} is due ${fmt(due.data.dueAt, tz)} (${tz}).`
          : (due.error ?? '')}
      </p>
    </div>
  );
}

export default function SlaPage() {
  const cals = useApi<BusinessHours[]>('cals', () => getAll<BusinessHours>('/v1/business-hours'));
  const policies = useApi<SlaPolicy[]>('sla', () => getAll<SlaPolicy>('/v1/sla-policies'));
  const [calName, setCalName] = useState('');
  const [zone, setZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [pName, setPName] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [clock, setClock] = useState('business');
  const [calId, setCalId] = useState('');
  const [reassign, setReassign] = useState(false);
  const action = useAction();
  const createCal = (e: Event) => {
    e.preventDefault();
    const h = weeklyHours(zone, ['mon', 'tue', 'wed', 'thu', 'fri'], start, end);
    void action.run(
      async () => (
        await post('/v1/business-hours', { name: calName, calendar: { ...h, mode: 'business' } }),
        setCalName(''),
        cals.reload()
      ),
    );
  };
  const createPolicy = (e: Event) => {
    e.preventDefault();
    const body = {
      name: pName,
      condition: { all: [] },
      targets: { firstResponseMinutes: Number(minutes), clock },
      calendarId: clock === 'business' ? calId || null : null,
      escalation: { reassign },
    };
    void action.run(
      async () => (await post('/v1/sla-policies', body), toast('Policy created.'), setPName(''), policies.reload()),
    );
  };
  const move = (i: number, to: number) => {
    const ids = policies.data!.map((p) => p.id);
    ids.splice(to, 0, ...ids.splice(i, 1));
    void action.run(async () => (await post('/v1/sla-policies/reorder', { ids }), policies.reload()));
  };
  const calName_ = new Map((cals.data ?? []).map((c) => [c.id, c.name]));
  return (
    <section>
      <PageHeader title="SLA" />
      <ErrorNote error={cals.error ?? policies.error ?? action.error} />
      <h2>Business hours</h2>
      {!cals.data ? (
        <Loading />
      ) : (
        cals.data.map((c) => (
          <div class="card" key={c.id}>
            <h3>{c.name}</h3>
            <p class="muted">
              {c.calendar.timeZone} ·{' '}
              {c.calendar.mode === 'calendar'
                ? '24/7'
                : Object.entries(c.calendar.weekly)
                    .filter(([, v]) => v.length)
                    .map(([d, v]) => `${d} ${v.map((x) => `${x.start}–${x.end}`).join(', ')}`)
                    .join(' · ')}
            </p>
            <Preview cal={c} />
          </div>
        ))
      )}
      <form class="card" onSubmit={createCal} aria-label="New calendar">
        <h3>New calendar (Monday to Friday)</h3>
        <div class="row">
          <TextInput label="Calendar name" value={calName} onValue={setCalName} required />
          <TextInput label="Time zone" value={zone} onValue={setZone} />
          <TextInput label="Opens" type="time" value={start} onValue={setStart} />
          <TextInput label="Closes" type="time" value={end} onValue={setEnd} />
        </div>
        <button type="submit">Create calendar</button>
      </form>
      <h2>Policies (the first enabled match applies)</h2>
      {!policies.data ? (
        <Loading />
      ) : (
        <ol class="rules">
          {policies.data.map((p, i) => (
            <li class="card" key={p.id}>
              <h3>
                {i + 1}. {p.name}
              </h3>
              <p class="muted">
                First response within {p.targets.firstResponseMinutes} min on {p.targets.clock} time
                {p.calendarId ? ` (${calName_.get(p.calendarId) ?? p.calendarId})` : ''}
                {p.escalation.reassign ? ' · reassigns on breach' : ''}
                {p.pauseStages.length ? ` · pauses in ${p.pauseStages.join(', ')}` : ''}
              </p>
              <code class="cond-json">{JSON.stringify(p.condition)}</code>
              <div class="button-row">
                <button type="button" class="secondary" disabled={i === 0} onClick={() => move(i, i - 1)}>
                  Move up<span class="sr-only"> {p.name}</span>
                </button>
                <button
                  type="button"
                  class="secondary"
                  disabled={i === policies.data!.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  Move down<span class="sr-only"> {p.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <form class="card" onSubmit={createPolicy} aria-label="New policy">
        <h3>New policy (every lead)</h3>
        <div class="row">
          <TextInput label="Policy name" value={pName} onValue={setPName} required />
          <TextInput
            label="First response within (minutes)"
            type="number"
            min="1"
            value={minutes}
            onValue={setMinutes}
          />
          <Select
            label="Clock"
            value={clock}
            onValue={setClock}
            options={[
              ['business', 'Business hours'],
              ['calendar', 'Around the clock'],
            ]}
          />
          {clock === 'business' && (
            <Select
              label="Calendar"
              value={calId}
              onValue={setCalId}
              options={[['', 'Choose'], ...(cals.data ?? []).map((c): [string, string] => [c.id, c.name])]}
            />
          )}
        </div>
        <Checkbox label="Reassign on breach" checked={reassign} onValue={setReassign} />
        <button type="submit">Create policy</button>
      </form>
    </section>
  );
}
