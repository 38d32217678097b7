/**
 * A capacity policy: the forms it gates, a limit per window and/or a team's remaining capacity, an
 * optional schedule, what visitors see when it is full, the early-warning threshold, enabled.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, enc, patch, post, type CapacityPolicy, type Form, type Team } from '../api';
import { Checkbox, Select, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { fromLocalInput, toLocalInput } from '../ui/periods';
import { toast } from '../ui/toast';

type Settings = CapacityPolicy['policy'];

interface Draft {
  name: string;
  formIds: string[];
  hasLimit: boolean;
  count: string;
  per: 'day' | 'week' | 'month';
  teamDerived: boolean;
  teamId: string;
  opensAt: string;
  closesAt: string;
  action: 'waitlist' | 'closed' | 'redirect';
  message: string;
  url: string;
  softPercent: string;
  enabled: boolean;
}

const draftOf = (p: CapacityPolicy | null): Draft => {
  const s = p?.policy;
  const full = s?.whenFull;
  return {
    name: p?.name ?? '',
    formIds: p?.formIds ?? [],
    hasLimit: s ? !!s.limit : true,
    count: String(s?.limit?.count ?? 50),
    per: s?.limit?.per ?? 'week',
    teamDerived: s?.teamDerived ?? false,
    teamId: p?.teamId ?? '',
    opensAt: s?.schedule?.opensAt ?? '',
    closesAt: s?.schedule?.closesAt ?? '',
    action: full?.action ?? 'waitlist',
    message: full && 'message' in full ? (full.message ?? '') : '',
    url: full && 'url' in full ? full.url : '',
    softPercent: s?.softThreshold ? String(Math.round(s.softThreshold * 100)) : '',
    enabled: p?.enabled ?? true,
  };
};

export function capacityBody(d: Draft) {
  const whenFull: Settings['whenFull'] =
    d.action === 'redirect'
      ? { action: 'redirect', url: d.url }
      : { action: d.action, ...(d.message ? { message: d.message } : {}) };
  const schedule =
    d.opensAt || d.closesAt
      ? { ...(d.opensAt ? { opensAt: d.opensAt } : {}), ...(d.closesAt ? { closesAt: d.closesAt } : {}) }
      : undefined;
  const policy: Settings = {
    ...(d.hasLimit ? { limit: { count: Number(d.count), per: d.per } } : {}),
    ...(d.teamDerived ? { teamDerived: true } : {}),
    ...(schedule ? { schedule } : {}),
    whenFull,
    ...(d.softPercent ? { softThreshold: Number(d.softPercent) / 100 } : {}),
  };
  return {
    name: d.name,
    formIds: d.formIds,
    teamId: d.teamDerived ? d.teamId || null : null,
    policy,
    enabled: d.enabled,
  };
}

export function CapacityEditor({
  policy,
  forms,
  teams,
  taken,
  canEdit,
  onDone,
}: {
  policy: CapacityPolicy | null;
  forms: Form[];
  teams: Team[];
  /** Forms another policy gates already (a form has at most one). */
  taken: Map<string, string>;
  canEdit: boolean;
  onDone(): void;
}) {
  const [d, setD] = useState(() => draftOf(policy));
  const set = (p: Partial<Draft>) => setD({ ...d, ...p });
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const err = (path: string) => problem?.fieldError(path);
  const formsError = problem?.errors.find((e) => e.path.startsWith('formIds'))?.message;
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      if (policy) await patch(`/v1/capacity-policies/${enc(policy.id)}`, capacityBody(d));
      else await post('/v1/capacity-policies', capacityBody(d));
      toast(`${d.name} saved.`);
      onDone();
    });
  };
  return (
    <form onSubmit={save} aria-label={policy ? `Edit capacity policy ${policy.name}` : 'New capacity policy'}>
      <fieldset class="plain" disabled={!canEdit}>
        <TextInput label="Policy name" value={d.name} onValue={(name) => set({ name })} required error={err('name')} />
        <fieldset>
          <legend>Forms it covers</legend>
          {forms.map((f) => {
            const other = taken.get(f.id);
            return (
              <Checkbox
                key={f.id}
                label={other ? `${f.name} (gated by ${other})` : f.name}
                checked={d.formIds.includes(f.id)}
                disabled={!!other}
                onValue={(on) => set({ formIds: on ? [...d.formIds, f.id] : d.formIds.filter((x) => x !== f.id) })}
              />
            );
          })}
          {formsError && <p class="error">{formsError}</p>}
        </fieldset>
        <fieldset>
          <legend>Capacity</legend>
          <Checkbox label="A fixed limit per window" checked={d.hasLimit} onValue={(hasLimit) => set({ hasLimit })} />
          {d.hasLimit && (
            <div class="row">
              <TextInput
                label="Leads per window"
                type="number"
                min="0"
                value={d.count}
                onValue={(count) => set({ count })}
                error={err('policy.limit.count')}
              />
              <Select
                label="Window"
                value={d.per}
                onValue={(per) => set({ per: per as Draft['per'] })}
                options={[
                  ['day', 'Day'],
                  ['week', 'Week (Monday first)'],
                  ['month', 'Month'],
                ]}
              />
            </div>
          )}
          <Checkbox
            label="Also limit by a team's remaining open-lead capacity"
            checked={d.teamDerived}
            onValue={(teamDerived) => set({ teamDerived })}
          />
          {d.teamDerived && (
            <Select
              label="Team"
              value={d.teamId}
              onValue={(teamId) => set({ teamId })}
              error={err('teamId')}
              options={[['', 'Choose a team'], ...teams.map((t): [string, string] => [t.id, t.name])]}
            />
          )}
          <TextInput
            label="Warn at (% of the limit, optional)"
            type="number"
            min="1"
            max="99"
            value={d.softPercent}
            onValue={(softPercent) => set({ softPercent })}
            error={err('policy.softThreshold')}
          />
        </fieldset>
        <fieldset>
          <legend>Schedule (optional)</legend>
          <div class="row">
            <TextInput
              label="Opens at"
              type="datetime-local"
              value={d.opensAt ? toLocalInput(d.opensAt) : ''}
              onValue={(v) => set({ opensAt: fromLocalInput(v) })}
            />
            <TextInput
              label="Closes at"
              type="datetime-local"
              value={d.closesAt ? toLocalInput(d.closesAt) : ''}
              onValue={(v) => set({ closesAt: fromLocalInput(v) })}
              error={err('policy.schedule.closesAt')}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>When it is full, visitors see</legend>
          <Select
            label="When full"
            value={d.action}
            onValue={(a) => set({ action: a as Draft['action'] })}
            options={[
              ['waitlist', 'The form, joining a waitlist'],
              ['closed', 'A closed form with a message'],
              ['redirect', 'Another page (redirect)'],
            ]}
          />
          {d.action === 'redirect' ? (
            <TextInput
              label="Redirect to"
              type="url"
              value={d.url}
              onValue={(url) => set({ url })}
              required
              error={err('policy.whenFull.url')}
            />
          ) : (
            <TextInput
              label="Message visitors see"
              value={d.message}
              onValue={(message) => set({ message })}
              error={err('policy.whenFull.message')}
            />
          )}
        </fieldset>
        <Checkbox label="Enabled" checked={d.enabled} onValue={(enabled) => set({ enabled })} />
        <ErrorNote error={action.error} />
        {canEdit && (
          <button type="submit" disabled={action.busy || d.formIds.length === 0}>
            {policy ? 'Save policy' : 'Create policy'}
          </button>
        )}
      </fieldset>
    </form>
  );
}
