/** Teams and reps: working hours (zone, weekdays, hours), out of office, weight, maximum open leads, active. */
import { useState } from 'preact/hooks';
import { enc, getAll, patch, post, type Rep, type RepInput, type Team, type WorkingHours } from '../api';
import { Checkbox, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Working hours from the simple editor: the same interval on the chosen weekdays. */
export function weeklyHours(timeZone: string, days: string[], start: string, end: string): WorkingHours {
  const weekly = Object.fromEntries(
    DAYS.map((d) => [d, days.includes(d) ? [{ start, end }] : []]),
  ) as WorkingHours['weekly'];
  return { timeZone, weekly, holidays: [] };
}

export default function TeamPage() {
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const [teamName, setTeamName] = useState('');
  const [slack, setSlack] = useState('');
  const action = useAction();
  const createTeam = (e: Event) => {
    e.preventDefault();
    void action.run(
      async () => (
        await post('/v1/teams', { name: teamName, ...(slack ? { slackWebhookUrl: slack } : {}) }),
        setTeamName(''),
        setSlack(''),
        teams.reload()
      ),
    );
  };
  const toggle = (r: Rep) =>
    action.run(async () => (await patch(`/v1/reps/${enc(r.id)}`, { active: !r.active }), reps.reload()));
  return (
    <section>
      <PageHeader title="Team" />
      <form class="inline-form card" onSubmit={createTeam} aria-label="New team">
        <TextInput label="Team name" value={teamName} onValue={setTeamName} required />
        <TextInput label="Slack webhook URL (optional)" type="url" value={slack} onValue={setSlack} />
        <button type="submit" disabled={action.busy}>
          Create team
        </button>
      </form>
      <ErrorNote error={teams.error ?? reps.error ?? action.error} />
      {!teams.data || !reps.data ? (
        <Loading />
      ) : (
        teams.data.map((t) => (
          <div class="card" key={t.id}>
            <h2>{t.name}</h2>
            <Table
              caption={`Reps of ${t.name}`}
              rows={reps.data!.filter((r) => r.teamId === t.id)}
              rowKey={(r) => r.id}
              empty="No reps yet."
              columns={[
                {
                  label: 'Rep',
                  cell: (r) => (
                    <>
                      {r.name}
                      <div class="muted">{r.email}</div>
                    </>
                  ),
                },
                {
                  label: 'Hours',
                  cell: (r) =>
                    r.workingHours
                      ? `${r.timeZone} · ${DAYS.filter((d) => r.workingHours!.weekly[d].length).join(' ')} ${r.workingHours.weekly[DAYS.find((d) => r.workingHours!.weekly[d].length)!]?.[0]?.start ?? ''}–${r.workingHours.weekly[DAYS.find((d) => r.workingHours!.weekly[d].length)!]?.[0]?.end ?? ''}`
                      : 'always',
                },
                { label: 'Weight', cell: (r) => r.weight },
                {
                  label: 'Open leads',
                  cell: (r) => `${r.openLeads}${r.maxOpenLeads !== null ? ` of ${r.maxOpenLeads}` : ''}`,
                },
                {
                  label: 'Out of office',
                  cell: (r) =>
                    r.outOfOffice.length
                      ? r.outOfOffice.map((o) => `${o.from.slice(0, 10)} → ${o.to.slice(0, 10)}`).join(', ')
                      : '—',
                },
                {
                  label: 'Active',
                  cell: (r) => (
                    <button type="button" class="secondary" onClick={() => toggle(r)}>
                      {r.active ? 'Deactivate' : 'Activate'}
                      <span class="sr-only"> {r.name}</span>
                    </button>
                  ),
                },
              ]}
            />
            <NewRep teamId={t.id} onDone={reps.reload} />
          </div>
        ))
      )}
    </section>
  );
}

function NewRep({ teamId, onDone }: { teamId: string; onDone(): void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [weight, setWeight] = useState('1');
  const [max, setMax] = useState('');
  const [always, setAlways] = useState(true);
  const [zone, setZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [days, setDays] = useState<string[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [oooFrom, setOooFrom] = useState('');
  const [oooTo, setOooTo] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const body: RepInput = {
      teamId,
      name,
      email,
      weight: Number(weight),
      maxOpenLeads: max ? Number(max) : null,
      workingHours: always ? null : weeklyHours(zone, days, start, end),
      outOfOffice:
        oooFrom && oooTo ? [{ from: new Date(oooFrom).toISOString(), to: new Date(oooTo).toISOString() }] : [],
    };
    void action.run(
      async () => (await post('/v1/reps', body), toast(`${name} added.`), setName(''), setEmail(''), onDone()),
    );
  };
  return (
    <details>
      <summary>Add a rep</summary>
      <form onSubmit={submit} aria-label="New rep">
        <div class="row">
          <TextInput label="Name" value={name} onValue={setName} required />
          <TextInput label="Email" type="email" value={email} onValue={setEmail} required />
          <TextInput label="Weight" type="number" min="0" value={weight} onValue={setWeight} />
          <TextInput
            label="Maximum open leads"
            type="number"
            min="0"
            value={max}
            onValue={setMax}
            help="Empty: no limit"
          />
        </div>
        <Checkbox label="Always available (no working hours)" checked={always} onValue={setAlways} />
        {!always && (
          <fieldset>
            <legend>Working hours</legend>
            <TextInput label="Time zone" value={zone} onValue={setZone} />
            <div class="row">
              {DAYS.map((d) => (
                <Checkbox
                  label={d}
                  checked={days.includes(d)}
                  onValue={(on) => setDays(on ? [...days, d] : days.filter((x) => x !== d))}
                />
              ))}
            </div>
            <div class="row">
              <TextInput label="From" type="time" value={start} onValue={setStart} />
              <TextInput label="Until" type="time" value={end} onValue={setEnd} />
            </div>
          </fieldset>
        )}
        <div class="row">
          <TextInput label="Out of office from" type="datetime-local" value={oooFrom} onValue={setOooFrom} />
          <TextInput label="Out of office until" type="datetime-local" value={oooTo} onValue={setOooTo} />
        </div>
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy}>
          Add rep
        </button>
      </form>
    </details>
  );
}
