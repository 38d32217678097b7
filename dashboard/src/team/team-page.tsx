/**
 * Teams (name, Slack channel, shared inbox when the API has one) and their reps: working hours,
 * out of office, weight, maximum open leads, active, and each rep's open leads right now.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, del, enc, getAll, patch, post, type Rep, type Team } from '../api';
import { link } from '../router';
import { useCanEdit } from '../ui/can-edit';
import { Dialog } from '../ui/dialog';
import { TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { awayNote } from '../ui/periods';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';
import { describeWeekly } from '../ui/weekly-hours';
import { useApi } from '../use-api';
import { RepEditor } from './rep-editor';

/**
 * The team's shared inbox address, answered once the mail branch adds it to teams; the field is
 * shown only when the API answers the key, so this screen works before and after.
 */
const INBOX_KEY = 'email';
type TeamWithInbox = Team & { [INBOX_KEY]?: string | null };

export default function TeamPage() {
  const teams = useApi<TeamWithInbox[]>('teams', () => getAll<TeamWithInbox>('/v1/teams'));
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<{ rep: Rep | null; teamId: string } | null>(null);
  const action = useAction();
  const hasInbox = (teams.data ?? []).some((t) => INBOX_KEY in t);
  const toggle = (r: Rep) =>
    action.run(async () => {
      await patch(`/v1/reps/${enc(r.id)}`, { active: !r.active });
      toast(`${r.name} ${r.active ? 'no longer takes' : 'takes'} new leads.`);
      reps.reload();
    });
  const removeRep = (r: Rep) =>
    confirm(`Remove ${r.name}? Their leads keep them as owner.`) &&
    action.run(async () => (await del(`/v1/reps/${enc(r.id)}`), toast(`${r.name} removed.`), reps.reload()));
  const removeTeam = (t: Team) =>
    confirm(`Delete the team ${t.name}?`) &&
    action.run(async () => (await del(`/v1/teams/${enc(t.id)}`), toast(`${t.name} deleted.`), teams.reload()));
  return (
    <section>
      <PageHeader title="Team" />
      <NewTeam hasInbox={hasInbox} onDone={teams.reload} readOnly={!canEdit} />
      <ErrorNote error={teams.error ?? reps.error ?? action.error} />
      {!teams.data || !reps.data ? (
        <Loading />
      ) : teams.data.length === 0 ? (
        <p class="empty">No teams yet: create one, then add its reps.</p>
      ) : (
        teams.data.map((t) => (
          <div class="card" key={t.id}>
            <TeamHead team={t} hasInbox={hasInbox} canEdit={canEdit} onSaved={teams.reload} />
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
                      <strong>{r.name}</strong>
                      <div class="muted">{r.email}</div>
                    </>
                  ),
                },
                {
                  label: 'Working hours',
                  cell: (r) =>
                    r.workingHours ? (
                      <>
                        {describeWeekly(r.workingHours.weekly)}
                        <div class="muted">
                          {r.workingHours.timeZone}
                          {r.workingHours.holidays.length ? ` · ${r.workingHours.holidays.length} holidays` : ''}
                        </div>
                      </>
                    ) : (
                      'Always available'
                    ),
                },
                { label: 'Weight', cell: (r) => r.weight },
                {
                  label: 'Open leads now',
                  cell: (r) => (
                    <a {...link(`/leads?ownerRepId=${enc(r.id)}&status=open`)}>
                      {r.openLeads}
                      {r.maxOpenLeads !== null ? ` of ${r.maxOpenLeads}` : ''}
                      <span class="sr-only"> open leads of {r.name}</span>
                    </a>
                  ),
                },
                { label: 'Out of office', cell: (r) => awayNote(r.outOfOffice) || '—' },
                {
                  label: 'Active',
                  cell: (r) => (
                    <span class={`badge ${r.active ? 'state-open' : 'state-closed'}`}>
                      {r.active ? 'active' : 'inactive'}
                    </span>
                  ),
                },
                {
                  label: 'Actions',
                  cell: (r) => (
                    <div class="button-row">
                      <button
                        type="button"
                        class="secondary small"
                        onClick={() => setEditing({ rep: r, teamId: t.id })}
                      >
                        {canEdit ? 'Edit' : 'View'}
                        <span class="sr-only"> {r.name}</span>
                      </button>
                      {canEdit && (
                        <button type="button" class="secondary small" onClick={() => toggle(r)}>
                          {r.active ? 'Deactivate' : 'Activate'}
                          <span class="sr-only"> {r.name}</span>
                        </button>
                      )}
                      {canEdit && (
                        <button type="button" class="danger small" onClick={() => removeRep(r)}>
                          Remove<span class="sr-only"> {r.name}</span>
                        </button>
                      )}
                    </div>
                  ),
                },
              ]}
            />
            {canEdit && (
              <div class="button-row">
                <button type="button" onClick={() => setEditing({ rep: null, teamId: t.id })}>
                  Add a rep<span class="sr-only"> to {t.name}</span>
                </button>
                <button type="button" class="danger" onClick={() => removeTeam(t)}>
                  Delete team<span class="sr-only"> {t.name}</span>
                </button>
              </div>
            )}
          </div>
        ))
      )}
      <Dialog
        title={editing?.rep ? editing.rep.name : 'New rep'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <RepEditor
            rep={editing.rep}
            teamId={editing.teamId}
            teams={teams.data ?? []}
            canEdit={canEdit}
            onDone={() => (setEditing(null), reps.reload())}
          />
        )}
      </Dialog>
    </section>
  );
}

function TeamHead({
  team,
  hasInbox,
  canEdit,
  onSaved,
}: {
  team: TeamWithInbox;
  hasInbox: boolean;
  canEdit: boolean;
  onSaved(): void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div class="team-head">
      <h2>{team.name}</h2>
      <p class="muted">
        Slack: {team.slackWebhookUrl ? 'connected' : 'not connected'}
        {hasInbox && ` · Shared inbox: ${team[INBOX_KEY] || 'none'}`}
      </p>
      {canEdit ? (
        <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>Edit {team.name}</summary>
          {open && (
            <TeamForm
              team={team}
              hasInbox={hasInbox}
              onDone={() => (setOpen(false), onSaved())}
              label={`Edit team ${team.name}`}
            />
          )}
        </details>
      ) : (
        // A member sees the team's settings as they are, every control disabled.
        <TeamForm team={team} hasInbox={hasInbox} onDone={onSaved} label={`Team ${team.name}`} readOnly />
      )}
    </div>
  );
}

/** Shown to members too, every control disabled: they see what a team needs, an admin creates it. */
function NewTeam({ hasInbox, onDone, readOnly }: { hasInbox: boolean; onDone(): void; readOnly: boolean }) {
  return (
    <details class="card">
      <summary>New team</summary>
      <TeamForm team={null} hasInbox={hasInbox} onDone={onDone} label="New team" readOnly={readOnly} />
    </details>
  );
}

function TeamForm({
  team,
  hasInbox,
  onDone,
  label,
  readOnly,
}: {
  team: TeamWithInbox | null;
  hasInbox: boolean;
  onDone(): void;
  label: string;
  readOnly?: boolean;
}) {
  const [name, setName] = useState(team?.name ?? '');
  const [slack, setSlack] = useState(team?.slackWebhookUrl ?? '');
  const [inbox, setInbox] = useState(team?.[INBOX_KEY] ?? '');
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { name, slackWebhookUrl: slack || null, ...(hasInbox ? { [INBOX_KEY]: inbox || null } : {}) };
    void action.run(async () => {
      if (team) await patch(`/v1/teams/${enc(team.id)}`, body);
      else await post('/v1/teams', body);
      toast(team ? `${name} saved.` : `${name} created.`);
      if (!team) setName(''), setSlack(''), setInbox('');
      onDone();
    });
  };
  return (
    <form class="inline-form" onSubmit={submit} aria-label={label}>
      <fieldset class="plain inline-form" disabled={readOnly}>
        <TextInput label="Team name" value={name} onValue={setName} required error={problem?.fieldError('name')} />
        <TextInput
          label="Slack webhook URL (optional)"
          type="url"
          value={slack}
          onValue={setSlack}
          placeholder="https://hooks.slack.com/services/…"
          error={problem?.fieldError('slackWebhookUrl')}
        />
        {hasInbox && (
          <TextInput
            label="Shared inbox email (optional)"
            type="email"
            value={inbox}
            onValue={setInbox}
            error={problem?.fieldError(INBOX_KEY)}
          />
        )}
        {!readOnly && (
          <button type="submit" disabled={action.busy}>
            {team ? 'Save team' : 'Create team'}
          </button>
        )}
        <ErrorNote error={problem?.errors.length ? null : action.error} />
      </fieldset>
    </form>
  );
}
