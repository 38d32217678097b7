/**
 * One rep's settings: who they are, their team, share of the rotation (weight), the most open leads
 * they take, whether they take leads at all, their working hours (zone, weekly intervals, holidays)
 * and out-of-office periods. Creates a rep when `rep` is null, else changes it.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, enc, patch, post, type Rep, type Team } from '../api';
import { Checkbox, Select, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { PeriodsEditor, type Period } from '../ui/periods';
import { browserZone, ZonePicker } from '../ui/time-zone';
import { toast } from '../ui/toast';
import { HolidaysEditor, WeeklyEditor, weeklyOf, type Holiday, type Weekly } from '../ui/weekly-hours';

interface Draft {
  name: string;
  email: string;
  teamId: string;
  weight: string;
  maxOpenLeads: string;
  active: boolean;
  slackWebhookUrl: string;
  always: boolean;
  timeZone: string;
  weekly: Weekly;
  holidays: Holiday[];
  outOfOffice: Period[];
}

function draftOf(rep: Rep | null, teamId: string): Draft {
  return {
    name: rep?.name ?? '',
    email: rep?.email ?? '',
    teamId: rep?.teamId ?? teamId,
    weight: String(rep?.weight ?? 1),
    maxOpenLeads: rep?.maxOpenLeads == null ? '' : String(rep.maxOpenLeads),
    active: rep?.active ?? true,
    slackWebhookUrl: rep?.slackWebhookUrl ?? '',
    always: rep ? rep.workingHours === null : false,
    timeZone: rep?.workingHours?.timeZone ?? browserZone(),
    weekly: rep?.workingHours?.weekly ?? weeklyOf(['mon', 'tue', 'wed', 'thu', 'fri']),
    holidays: rep?.workingHours?.holidays ?? [],
    outOfOffice: rep?.outOfOffice ?? [],
  };
}

/** The request body: working hours null means always available. */
export function repBody(d: Draft) {
  return {
    name: d.name,
    email: d.email,
    teamId: d.teamId,
    weight: Number(d.weight),
    maxOpenLeads: d.maxOpenLeads === '' ? null : Number(d.maxOpenLeads),
    active: d.active,
    slackWebhookUrl: d.slackWebhookUrl || null,
    workingHours: d.always ? null : { timeZone: d.timeZone, weekly: d.weekly, holidays: d.holidays },
    outOfOffice: d.outOfOffice.map((p) => ({ from: p.from, to: p.to, ...(p.note ? { note: p.note } : {}) })),
  };
}

export function RepEditor({
  rep,
  teamId,
  teams,
  canEdit,
  onDone,
}: {
  rep: Rep | null;
  teamId: string;
  teams: Team[];
  canEdit: boolean;
  onDone(): void;
}) {
  const [d, setD] = useState(() => draftOf(rep, teamId));
  const set = (p: Partial<Draft>) => setD({ ...d, ...p });
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const err = (path: string) => problem?.fieldError(path);
  const hoursError = problem?.errors.find((e) => e.path.startsWith('workingHours'))?.message;
  const awayError = problem?.errors.find((e) => e.path.startsWith('outOfOffice'))?.message;
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      if (rep) await patch(`/v1/reps/${enc(rep.id)}`, repBody(d));
      else await post('/v1/reps', repBody(d));
      toast(rep ? `${d.name} saved.` : `${d.name} added.`);
      onDone();
    });
  };
  return (
    <form onSubmit={save} aria-label={rep ? `Edit ${rep.name}` : 'New rep'} class="rep-editor">
      <fieldset disabled={!canEdit} class="plain">
        <div class="row">
          <TextInput label="Name" value={d.name} onValue={(name) => set({ name })} required error={err('name')} />
          <TextInput
            label="Email"
            type="email"
            value={d.email}
            onValue={(email) => set({ email })}
            required
            error={err('email')}
          />
          <Select
            label="Team"
            value={d.teamId}
            onValue={(teamId) => set({ teamId })}
            options={teams.map((t): [string, string] => [t.id, t.name])}
          />
        </div>
        <div class="row">
          <TextInput
            label="Weight"
            type="number"
            min="0"
            value={d.weight}
            onValue={(weight) => set({ weight })}
            help="Share of weighted round robin; 0 takes no weighted leads."
            error={err('weight')}
          />
          <TextInput
            label="Maximum open leads"
            type="number"
            min="0"
            value={d.maxOpenLeads}
            onValue={(maxOpenLeads) => set({ maxOpenLeads })}
            help="Empty: no limit."
            error={err('maxOpenLeads')}
          />
          <TextInput
            label="Slack webhook URL (optional)"
            type="url"
            value={d.slackWebhookUrl}
            onValue={(slackWebhookUrl) => set({ slackWebhookUrl })}
            error={err('slackWebhookUrl')}
          />
        </div>
        <Checkbox label="Active (takes new leads)" checked={d.active} onValue={(active) => set({ active })} />
        <Checkbox
          label="Always available (no working hours)"
          checked={d.always}
          onValue={(always) => set({ always })}
        />
        {!d.always && (
          <>
            <ZonePicker value={d.timeZone} onValue={(timeZone) => set({ timeZone })} />
            <WeeklyEditor value={d.weekly} onChange={(weekly) => set({ weekly })} />
            <HolidaysEditor value={d.holidays} onChange={(holidays) => set({ holidays })} />
          </>
        )}
        {hoursError && <p class="error">Working hours: {hoursError}</p>}
        <PeriodsEditor value={d.outOfOffice} onChange={(outOfOffice) => set({ outOfOffice })} />
        {awayError && <p class="error">Out of office: {awayError}</p>}
        <ErrorNote error={action.error} />
        {canEdit && (
          <button type="submit" disabled={action.busy}>
            {rep ? 'Save rep' : 'Add rep'}
          </button>
        )}
      </fieldset>
    </form>
  );
}
