/** Capacity policies: forms covered, limit or team-derived, what visitors see when full, places taken and left, state. */
import { useState } from 'preact/hooks';
import { del, enc, getAll, post, type CapacityPolicy, type Form, type Team } from '../api';
import { link } from '../router';
import { Select, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

/** The current window's places (issue 12: the API answers them once the dashboard-api branch lands). */
type WithWindow = CapacityPolicy & { window?: { taken: number; left: number | null } | null };

export default function CapacityPage() {
  const policies = useApi<WithWindow[]>('caps', () => getAll<WithWindow>('/v1/capacity-policies'));
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const [name, setName] = useState('');
  const [formId, setFormId] = useState('');
  const [count, setCount] = useState('50');
  const [per, setPer] = useState('week');
  const [teamId, setTeamId] = useState('');
  const [whenFull, setWhenFull] = useState('waitlist');
  const [message, setMessage] = useState('');
  const action = useAction();
  const formName = new Map((forms.data ?? []).map((f) => [f.id, f.name]));
  const create = (e: Event) => {
    e.preventDefault();
    const policy = {
      limit: { count: Number(count), per },
      ...(teamId ? { teamDerived: true } : {}),
      whenFull: { action: whenFull, ...(message ? { message } : {}) },
    };
    void action.run(
      async () => (
        await post('/v1/capacity-policies', { name, formIds: [formId], teamId: teamId || null, policy }),
        toast('Policy created.'),
        policies.reload()
      ),
    );
  };
  const remove = (p: CapacityPolicy) =>
    confirm(`Delete ${p.name}?`) &&
    action.run(async () => (await del(`/v1/capacity-policies/${enc(p.id)}`), policies.reload()));
  return (
    <section>
      <PageHeader title="Capacity" />
      <ErrorNote error={policies.error ?? action.error} />
      {!policies.data ? (
        <Loading />
      ) : policies.data.length === 0 ? (
        <p class="empty">No capacity policies: every form takes every lead.</p>
      ) : (
        policies.data.map((p) => (
          <div class="card" key={p.id}>
            <h2>
              {p.name} <span class={`badge state-${p.lastState}`}>{p.lastState}</span>
            </h2>
            <p>
              {p.policy.limit ? `${p.policy.limit.count} leads per ${p.policy.limit.per}` : 'No fixed limit'}
              {p.policy.teamDerived ? ', and the team’s open capacity' : ''}. When full: {p.policy.whenFull.action}
              {'message' in p.policy.whenFull && p.policy.whenFull.message ? ` (“${p.policy.whenFull.message}”)` : ''}.
            </p>
            {p.window && (
              <p>
                This window: {p.window.taken} taken, {p.window.left ?? 'unlimited'} left.
              </p>
            )}
            <p class="muted">
              Forms: {p.formIds.map((f) => formName.get(f) ?? f).join(', ')} ·{' '}
              <a {...link(`/reports/capacity?policyId=${p.id}`)}>Demand vs capacity</a>
            </p>
            <button type="button" class="danger" onClick={() => remove(p)}>
              Delete<span class="sr-only"> {p.name}</span>
            </button>
          </div>
        ))
      )}
      <form class="card" onSubmit={create} aria-label="New capacity policy">
        <h2>New policy</h2>
        <div class="row">
          <TextInput label="Policy name" value={name} onValue={setName} required />
          <Select
            label="Form"
            value={formId}
            onValue={setFormId}
            options={[['', 'Choose a form'], ...(forms.data ?? []).map((f): [string, string] => [f.id, f.name])]}
          />
          <TextInput label="Leads per window" type="number" min="0" value={count} onValue={setCount} />
          <Select label="Window" value={per} onValue={setPer} options={['day', 'week', 'month']} />
          <Select
            label="Also limit by a team’s capacity"
            value={teamId}
            onValue={setTeamId}
            options={[['', 'No'], ...(teams.data ?? []).map((t): [string, string] => [t.id, t.name])]}
          />
          <Select
            label="When full"
            value={whenFull}
            onValue={setWhenFull}
            options={[
              ['waitlist', 'Waitlist'],
              ['closed', 'Close the form'],
            ]}
          />
          <TextInput label="Message visitors see" value={message} onValue={setMessage} />
        </div>
        <button type="submit" disabled={!formId || action.busy}>
          Create policy
        </button>
      </form>
    </section>
  );
}
