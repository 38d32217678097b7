/** Routing: ordered rules (reordered with buttons, so the keyboard can), a rule builder, the fallback, the simulator. */
import { useState } from 'preact/hooks';
import {
  ApiProblem,
  del,
  enc,
  getAll,
  patch,
  post,
  put,
  type Condition,
  type Rep,
  type RoutingAction,
  type RoutingRule,
  type Team,
} from '../api';
import { Checkbox, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { ActionEditor, newAction } from './action-editor';
import { ConditionBuilder, EMPTY } from './condition-builder';
import { Simulator } from './simulator';

interface Draft {
  id?: string;
  name: string;
  condition: Condition;
  action: RoutingAction;
  enabled: boolean;
}

export default function RoutingPage() {
  const rules = useApi<RoutingRule[]>('rules', () => getAll<RoutingRule>('/v1/routing/rules'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const fallback = useApi<RoutingAction | null>('/v1/routing/fallback');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [fb, setFb] = useState<RoutingAction | null | undefined>(undefined);
  const action = useAction();
  if (!rules.data || !teams.data || !reps.data)
    return (
      <>
        <PageHeader title="Routing" />
        <ErrorNote error={rules.error ?? teams.error} />
        <Loading />
      </>
    );
  const list = rules.data;
  const teamName = new Map(teams.data.map((t) => [t.id, t.name]));
  const repName = new Map(reps.data.map((r) => [r.id, r.name]));
  const name = (k: 'rep' | 'team', id: string) => (k === 'rep' ? repName.get(id) : teamName.get(id)) ?? id;
  const move = (i: number, to: number) => {
    const ids = list.map((r) => r.id);
    ids.splice(to, 0, ...ids.splice(i, 1));
    void action.run(
      async () => (
        await post('/v1/routing/rules/reorder', { ids }),
        toast(`Moved “${list[i]!.name}” to position ${to + 1}.`),
        rules.reload()
      ),
    );
  };
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const { id, ...body } = draft;
    void action.run(async () => {
      await (id ? patch(`/v1/routing/rules/${enc(id)}`, body) : post('/v1/routing/rules', body));
      toast('Rule saved.');
      setDraft(null);
      rules.reload();
    });
  };
  const remove = (r: RoutingRule) =>
    confirm(`Delete the rule “${r.name}”?`) &&
    action.run(async () => (await del(`/v1/routing/rules/${enc(r.id)}`), rules.reload()));
  const fbValue = fb === undefined ? (fallback.data ?? null) : fb;
  const saveFallback = () =>
    action.run(async () => (await put('/v1/routing/fallback', fbValue), toast('Fallback saved.'), fallback.reload()));
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  // The simulator tries the draft in place of the saved rule it edits (or after the saved rules).
  const draftRules = draft && [
    ...list.filter((r) => r.id !== draft.id),
    { name: draft.name || 'Draft', condition: draft.condition, action: draft.action, enabled: draft.enabled },
  ];
  return (
    <section>
      <PageHeader title="Routing">
        <button
          type="button"
          onClick={() => setDraft({ name: '', condition: EMPTY, action: newAction(teams.data![0]?.id), enabled: true })}
        >
          New rule
        </button>
      </PageHeader>
      <ErrorNote error={action.error && !draft ? action.error : null} />
      <ol class="rules">
        {list.map((r, i) => (
          <li class="card" key={r.id}>
            <h2>
              {i + 1}. {r.name} {!r.enabled && <span class="badge">disabled</span>}
            </h2>
            <p class="muted">
              → {name('team', r.action.teamId)} · {r.action.strategy.replace(/_/g, ' ')}
              {r.action.overflow.kind === 'next_team' ? ` · overflow to ${name('team', r.action.overflow.teamId)}` : ''}
            </p>
            <code class="cond-json">{JSON.stringify(r.condition)}</code>
            <div class="button-row">
              <button type="button" class="secondary" disabled={i === 0} onClick={() => move(i, i - 1)}>
                Move up<span class="sr-only"> {r.name}</span>
              </button>
              <button type="button" class="secondary" disabled={i === list.length - 1} onClick={() => move(i, i + 1)}>
                Move down<span class="sr-only"> {r.name}</span>
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  setDraft({ id: r.id, name: r.name, condition: r.condition, action: r.action, enabled: r.enabled })
                }
              >
                Edit<span class="sr-only"> {r.name}</span>
              </button>
              <button type="button" class="danger" onClick={() => remove(r)}>
                Delete<span class="sr-only"> {r.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {list.length === 0 && <p class="empty">No rules yet: every lead goes to the fallback.</p>}
      {draft && (
        <form class="card" onSubmit={save} aria-label="Rule">
          <h2>{draft.id ? 'Edit rule' : 'New rule'}</h2>
          <TextInput
            label="Rule name"
            value={draft.name}
            onValue={(n) => setDraft({ ...draft, name: n })}
            required
            error={problem?.fieldError('name')}
          />
          <ConditionBuilder value={draft.condition} onChange={(condition) => setDraft({ ...draft, condition })} />
          <ActionEditor
            action={draft.action}
            teams={teams.data}
            reps={reps.data}
            onChange={(a) => setDraft({ ...draft, action: a })}
          />
          <Checkbox label="Enabled" checked={draft.enabled} onValue={(enabled) => setDraft({ ...draft, enabled })} />
          <ErrorNote error={action.error} />
          {problem?.errors.map((e) => (
            <p class="error">
              {e.path}: {e.message}
            </p>
          ))}
          <div class="button-row">
            <button type="submit" disabled={action.busy}>
              Save rule
            </button>
            <button type="button" class="secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <div class="card">
        <h2>Fallback</h2>
        <Checkbox
          label="Send unmatched leads to a team"
          checked={fbValue !== null}
          onValue={(on) => setFb(on ? newAction(teams.data![0]?.id) : null)}
        />
        {fbValue && <ActionEditor action={fbValue} teams={teams.data} reps={reps.data} onChange={setFb} />}
        <button type="button" class="secondary" onClick={saveFallback}>
          Save fallback
        </button>
      </div>
      <Simulator draftRules={draftRules} name={name} />
    </section>
  );
}
