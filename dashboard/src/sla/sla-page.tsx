/** Business-hours calendars (with a preview sentence) and SLA policies in the order they are tried. */
import { useState } from 'preact/hooks';
import { del, enc, get, getAll, patch, post, type BusinessHours, type SlaPolicy } from '../api';
import { useCanEdit } from '../ui/can-edit';
import { Dialog } from '../ui/dialog';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { describeWeekly } from '../ui/weekly-hours';
import { useApi } from '../use-api';
import { CalendarEditor, Preview } from './calendar-editor';
import { PolicyEditor, type Stage } from './policy-editor';

type Editing = { kind: 'calendar'; cal: BusinessHours | null } | { kind: 'policy'; policy: SlaPolicy | null } | null;

const holidayText = (n: number) => (n === 0 ? '' : ` · ${n} holiday${n === 1 ? '' : 's'}`);

export default function SlaPage() {
  const cals = useApi<BusinessHours[]>('cals', () => getAll<BusinessHours>('/v1/business-hours'));
  const policies = useApi<SlaPolicy[]>('sla', () => getAll<SlaPolicy>('/v1/sla-policies'));
  const stages = useApi<Stage[]>('stages', async () => (await get<{ data: Stage[] }>('/v1/pipeline/stages')).data);
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Editing>(null);
  const action = useAction();
  const list = policies.data ?? [];
  const move = (i: number, to: number) => {
    const ids = list.map((p) => p.id);
    ids.splice(to, 0, ...ids.splice(i, 1));
    void action.run(async () => {
      await post('/v1/sla-policies/reorder', { ids });
      toast(`${list[i]!.name} moved to place ${to + 1}.`);
      policies.reload();
    });
  };
  const toggle = (p: SlaPolicy) =>
    action.run(async () => (await patch(`/v1/sla-policies/${enc(p.id)}`, { enabled: !p.enabled }), policies.reload()));
  const removePolicy = (p: SlaPolicy) =>
    confirm(`Delete the policy ${p.name}?`) &&
    action.run(
      async () => (await del(`/v1/sla-policies/${enc(p.id)}`), toast(`${p.name} deleted.`), policies.reload()),
    );
  const removeCal = (c: BusinessHours) =>
    confirm(`Delete the calendar ${c.name}?`) &&
    action.run(async () => (await del(`/v1/business-hours/${enc(c.id)}`), toast(`${c.name} deleted.`), cals.reload()));
  const targetOf = (calId: string) => list.find((p) => p.calendarId === calId)?.targets.firstResponseMinutes ?? 60;
  const calName = new Map((cals.data ?? []).map((c) => [c.id, c.name]));
  const done = () => (setEditing(null), cals.reload(), policies.reload());
  return (
    <section>
      <PageHeader title="SLA" />
      <ErrorNote error={cals.error ?? policies.error ?? action.error} />

      <div class="page-head">
        <h2>Business hours</h2>
        {canEdit && (
          <button type="button" class="secondary" onClick={() => setEditing({ kind: 'calendar', cal: null })}>
            New calendar
          </button>
        )}
      </div>
      {!cals.data ? (
        <Loading />
      ) : cals.data.length === 0 ? (
        <p class="empty">No calendars yet: a policy on business time needs one.</p>
      ) : (
        cals.data.map((c) => (
          <div class="card" key={c.id}>
            <h3>{c.name}</h3>
            <p class="muted">
              {c.calendar.timeZone} ·{' '}
              {c.calendar.mode === 'calendar'
                ? 'around the clock'
                : describeWeekly(c.calendar.weekly) + holidayText(c.calendar.holidays.length)}
            </p>
            {/* Keyed by the target: policies load after calendars, and the preview starts from their target. */}
            <Preview key={`${c.id}:${targetOf(c.id)}`} cal={c} minutes={targetOf(c.id)} />
            <div class="button-row">
              <button type="button" class="secondary" onClick={() => setEditing({ kind: 'calendar', cal: c })}>
                {canEdit ? 'Edit' : 'View'}
                <span class="sr-only"> calendar {c.name}</span>
              </button>
              {canEdit && (
                <button type="button" class="danger" onClick={() => removeCal(c)}>
                  Delete<span class="sr-only"> calendar {c.name}</span>
                </button>
              )}
            </div>
          </div>
        ))
      )}

      <div class="page-head">
        <h2>Policies (the first enabled match applies)</h2>
        {canEdit && (
          <button type="button" class="secondary" onClick={() => setEditing({ kind: 'policy', policy: null })}>
            New policy
          </button>
        )}
      </div>
      {!policies.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p class="empty">No SLA policies: leads have no due time.</p>
      ) : (
        <ol class="rules" aria-label="SLA policies in order">
          {list.map((p, i) => (
            <li class="card policy-card" key={p.id}>
              <h3>
                {i + 1}. {p.name} {!p.enabled && <span class="badge">disabled</span>}
              </h3>
              <p>
                First response within {p.targets.firstResponseMinutes} min
                {p.targets.followUpMinutes ? `, next touch within ${p.targets.followUpMinutes} min` : ''} on{' '}
                {p.targets.clock === 'business'
                  ? `business hours (${p.calendarId ? (calName.get(p.calendarId) ?? p.calendarId) : 'no calendar'})`
                  : 'calendar time'}
                {p.targets.warnAtFraction ? `; warns at ${Math.round(p.targets.warnAtFraction * 100)} %` : ''}.
              </p>
              <p class="muted">
                On a breach:{' '}
                {[
                  p.escalation.notifyOwner && 'notify the owner',
                  p.escalation.notifyTeam && "post to the team's channel",
                  p.escalation.reassign && 'reassign',
                ]
                  .filter(Boolean)
                  .join(', ') || 'nothing'}
                {p.pauseStages.length ? ` · pauses in ${p.pauseStages.join(', ')}` : ''}
              </p>
              <code class="cond-json">{JSON.stringify(p.condition)}</code>
              <div class="button-row">
                <button type="button" class="secondary" onClick={() => setEditing({ kind: 'policy', policy: p })}>
                  {canEdit ? 'Edit' : 'View'}
                  <span class="sr-only"> {p.name}</span>
                </button>
                {canEdit && (
                  <>
                    <button type="button" class="secondary" disabled={i === 0} onClick={() => move(i, i - 1)}>
                      Move up<span class="sr-only"> {p.name}</span>
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={i === list.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      Move down<span class="sr-only"> {p.name}</span>
                    </button>
                    <button type="button" class="secondary" onClick={() => toggle(p)}>
                      {p.enabled ? 'Disable' : 'Enable'}
                      <span class="sr-only"> {p.name}</span>
                    </button>
                    <button type="button" class="danger" onClick={() => removePolicy(p)}>
                      Delete<span class="sr-only"> {p.name}</span>
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}

      <Dialog
        title={
          editing?.kind === 'calendar'
            ? (editing.cal?.name ?? 'New calendar')
            : editing?.kind === 'policy'
              ? (editing.policy?.name ?? 'New SLA policy')
              : ''
        }
        open={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing?.kind === 'calendar' && <CalendarEditor cal={editing.cal} canEdit={canEdit} onDone={done} />}
        {editing?.kind === 'policy' && (
          <PolicyEditor
            policy={editing.policy}
            calendars={cals.data ?? []}
            stages={stages.data ?? []}
            canEdit={canEdit}
            onDone={done}
          />
        )}
      </Dialog>
    </section>
  );
}
