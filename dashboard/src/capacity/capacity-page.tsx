/**
 * Capacity policies: forms covered, limit or team-derived, schedule, what visitors see when full,
 * places taken and left in the current window, state, and demand vs capacity.
 */
import { useState } from 'preact/hooks';
import { del, enc, getAll, patch, type CapacityPolicy, type Form, type Team } from '../api';
import { when } from '../format';
import { link } from '../router';
import { useCanEdit } from '../ui/can-edit';
import { Dialog } from '../ui/dialog';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { DemandChart } from './demand-chart';
import { CapacityEditor } from './policy-editor';

/** `window` is null for a policy without a limit (only team-derived). */
type WithWindow = CapacityPolicy;

const STATE_TEXT: Record<CapacityPolicy['lastState'], string> = {
  open: 'open',
  waitlist: 'waitlisting',
  closed: 'closed',
  redirect: 'redirecting',
};

function whenFullText(p: CapacityPolicy['policy']['whenFull']): string {
  if (p.action === 'redirect') return `visitors go to ${p.url}`;
  const verb = p.action === 'waitlist' ? 'visitors join a waitlist' : 'the form closes';
  return p.message ? `${verb} and read “${p.message}”` : verb;
}

function limitText(p: WithWindow, teamName: Map<string, string>): string {
  const parts: string[] = [];
  if (p.policy.limit) parts.push(`${p.policy.limit.count} leads per ${p.policy.limit.per}`);
  if (p.policy.teamDerived)
    parts.push(`the open-lead capacity left in ${p.teamId ? (teamName.get(p.teamId) ?? p.teamId) : 'its team'}`);
  return parts.join(', and ') || 'no limit';
}

export default function CapacityPage() {
  const policies = useApi<WithWindow[]>('caps', () => getAll<WithWindow>('/v1/capacity-policies'));
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<{ policy: CapacityPolicy | null } | null>(null);
  const action = useAction();
  const formName = new Map((forms.data ?? []).map((f) => [f.id, f.name]));
  const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  const gatedBy = (except: string | null) =>
    new Map(
      (policies.data ?? []).filter((p) => p.id !== except).flatMap((p) => p.formIds.map((f) => [f, p.name] as const)),
    );
  const remove = (p: CapacityPolicy) =>
    confirm(`Delete ${p.name}? Its forms take every lead again.`) &&
    action.run(
      async () => (await del(`/v1/capacity-policies/${enc(p.id)}`), toast(`${p.name} deleted.`), policies.reload()),
    );
  const toggle = (p: CapacityPolicy) =>
    action.run(
      async () => (await patch(`/v1/capacity-policies/${enc(p.id)}`, { enabled: !p.enabled }), policies.reload()),
    );
  return (
    <section>
      <PageHeader title="Capacity">
        {canEdit && (
          <button type="button" onClick={() => setEditing({ policy: null })}>
            New policy
          </button>
        )}
      </PageHeader>
      <ErrorNote error={policies.error ?? forms.error ?? action.error} />
      {!policies.data ? (
        <Loading />
      ) : policies.data.length === 0 ? (
        <p class="empty">No capacity policies: every form takes every lead.</p>
      ) : (
        policies.data.map((p) => (
          <div class="card" key={p.id}>
            <h2>
              {p.name} <span class={`badge state-${p.lastState}`}>{STATE_TEXT[p.lastState]}</span>
              {!p.enabled && <span class="badge"> disabled</span>}
            </h2>
            <dl>
              <dt>Forms</dt>
              <dd>{p.formIds.map((f) => formName.get(f) ?? f).join(', ')}</dd>
              <dt>Capacity</dt>
              <dd>
                {limitText(p, teamName)}
                {p.policy.softThreshold ? `; warns at ${Math.round(p.policy.softThreshold * 100)} %` : ''}
              </dd>
              <dt>Schedule</dt>
              <dd>
                {p.policy.schedule?.opensAt || p.policy.schedule?.closesAt
                  ? [
                      p.policy.schedule.opensAt && `opens ${when(p.policy.schedule.opensAt)}`,
                      p.policy.schedule.closesAt && `closes ${when(p.policy.schedule.closesAt)}`,
                    ]
                      .filter(Boolean)
                      .join(', ')
                  : 'always'}
              </dd>
              <dt>When full</dt>
              <dd>{whenFullText(p.policy.whenFull)}</dd>
              {p.window && (
                <>
                  <dt>This window</dt>
                  <dd>
                    <span class="stat">
                      <strong>{p.window.taken}</strong> taken
                    </span>
                    <span class="stat">
                      <strong>{p.window.left}</strong> left
                    </span>
                    <span class="muted"> until {when(p.window.endsAt)}</span>
                  </dd>
                </>
              )}
            </dl>
            <DemandChart policy={p} />
            <div class="button-row">
              <button type="button" class="secondary" onClick={() => setEditing({ policy: p })}>
                {canEdit ? 'Edit' : 'View'}
                <span class="sr-only"> {p.name}</span>
              </button>
              {canEdit && (
                <>
                  <button type="button" class="secondary" onClick={() => toggle(p)}>
                    {p.enabled ? 'Disable' : 'Enable'}
                    <span class="sr-only"> {p.name}</span>
                  </button>
                  <button type="button" class="danger" onClick={() => remove(p)}>
                    Delete<span class="sr-only"> {p.name}</span>
                  </button>
                </>
              )}
              <a {...link(`/reports/capacity?policyId=${enc(p.id)}`)}>
                Capacity report<span class="sr-only"> of {p.name}</span>
              </a>
            </div>
          </div>
        ))
      )}
      <Dialog
        title={editing?.policy?.name ?? 'New capacity policy'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <CapacityEditor
            policy={editing.policy}
            forms={forms.data ?? []}
            teams={teams.data ?? []}
            taken={gatedBy(editing.policy?.id ?? null)}
            canEdit={canEdit}
            onDone={() => (setEditing(null), policies.reload())}
          />
        )}
      </Dialog>
    </section>
  );
}
