/**
 * An SLA policy: which leads it measures (the condition language), the targets (first response,
 * follow-up, warning), the clock and its calendar, what a breach does, and the pipeline stages that
 * pause the clock.
 */
import { useState } from 'preact/hooks';
import { ApiProblem, enc, patch, post, type BusinessHours, type Condition, type SlaPolicy } from '../api';
import { ConditionBuilder } from '../routing/condition-builder';
import { Checkbox, Select, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { toast } from '../ui/toast';

export interface Stage {
  key: string;
  name: string;
  kind: string;
}

interface Draft {
  name: string;
  condition: Condition;
  firstResponseMinutes: string;
  followUpMinutes: string;
  clock: 'business' | 'calendar';
  warnPercent: string;
  calendarId: string;
  notifyOwner: boolean;
  notifyTeam: boolean;
  reassign: boolean;
  pauseStages: string[];
  enabled: boolean;
}

const draftOf = (p: SlaPolicy | null, calendars: BusinessHours[]): Draft => ({
  name: p?.name ?? '',
  condition: p?.condition ?? { all: [] },
  firstResponseMinutes: String(p?.targets.firstResponseMinutes ?? 60),
  followUpMinutes: p?.targets.followUpMinutes ? String(p.targets.followUpMinutes) : '',
  clock: p?.targets.clock ?? (calendars.length ? 'business' : 'calendar'),
  warnPercent: p ? (p.targets.warnAtFraction ? String(Math.round(p.targets.warnAtFraction * 100)) : '') : '75',
  calendarId: p?.calendarId ?? calendars[0]?.id ?? '',
  notifyOwner: p?.escalation.notifyOwner ?? true,
  notifyTeam: p?.escalation.notifyTeam ?? false,
  reassign: p?.escalation.reassign ?? false,
  pauseStages: p?.pauseStages ?? [],
  enabled: p?.enabled ?? true,
});

export function policyBody(d: Draft) {
  return {
    name: d.name,
    condition: d.condition,
    targets: {
      firstResponseMinutes: Number(d.firstResponseMinutes),
      clock: d.clock,
      ...(d.followUpMinutes ? { followUpMinutes: Number(d.followUpMinutes) } : {}),
      ...(d.warnPercent ? { warnAtFraction: Number(d.warnPercent) / 100 } : {}),
    },
    calendarId: d.clock === 'business' ? d.calendarId || null : null,
    escalation: { notifyOwner: d.notifyOwner, notifyTeam: d.notifyTeam, reassign: d.reassign },
    pauseStages: d.pauseStages,
    enabled: d.enabled,
  };
}

export function PolicyEditor({
  policy,
  calendars,
  stages,
  canEdit,
  onDone,
}: {
  policy: SlaPolicy | null;
  calendars: BusinessHours[];
  stages: Stage[];
  canEdit: boolean;
  onDone(): void;
}) {
  const [d, setD] = useState(() => draftOf(policy, calendars));
  const set = (p: Partial<Draft>) => setD({ ...d, ...p });
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const err = (path: string) => problem?.fieldError(path);
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      if (policy) await patch(`/v1/sla-policies/${enc(policy.id)}`, policyBody(d));
      else await post('/v1/sla-policies', policyBody(d));
      toast(`${d.name} saved.`);
      onDone();
    });
  };
  // Stages the policy names that the pipeline no longer has stay listed, so saving keeps them visible.
  const stageKeys = [...new Set([...stages.map((s) => s.key), ...d.pauseStages])];
  const stageName = new Map(stages.map((s) => [s.key, s.name]));
  return (
    <form onSubmit={save} aria-label={policy ? `Edit policy ${policy.name}` : 'New SLA policy'}>
      <fieldset class="plain" disabled={!canEdit}>
        <TextInput label="Policy name" value={d.name} onValue={(name) => set({ name })} required error={err('name')} />
        <fieldset>
          <legend>Leads it measures</legend>
          <p class="help">Policies are tried in order; the first enabled one whose condition holds applies.</p>
          <ConditionBuilder value={d.condition} onChange={(condition) => set({ condition })} />
        </fieldset>
        <fieldset>
          <legend>Targets</legend>
          <div class="row">
            <TextInput
              label="First response within (minutes)"
              type="number"
              min="1"
              value={d.firstResponseMinutes}
              onValue={(firstResponseMinutes) => set({ firstResponseMinutes })}
              error={err('targets.firstResponseMinutes')}
            />
            <TextInput
              label="Next touch within (minutes, optional)"
              type="number"
              min="1"
              value={d.followUpMinutes}
              onValue={(followUpMinutes) => set({ followUpMinutes })}
              error={err('targets.followUpMinutes')}
            />
            <TextInput
              label="Warn at (% of the target, optional)"
              type="number"
              min="1"
              max="99"
              value={d.warnPercent}
              onValue={(warnPercent) => set({ warnPercent })}
              error={err('targets.warnAtFraction')}
            />
          </div>
          <div class="row">
            <Select
              label="Clock"
              value={d.clock}
              onValue={(clock) => set({ clock: clock as Draft['clock'] })}
              options={[
                ['business', 'Business hours'],
                ['calendar', 'Around the clock'],
              ]}
            />
            {d.clock === 'business' && (
              <Select
                label="Calendar"
                value={d.calendarId}
                onValue={(calendarId) => set({ calendarId })}
                error={err('calendarId')}
                options={[['', 'Choose a calendar'], ...calendars.map((c): [string, string] => [c.id, c.name])]}
              />
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>On a breach</legend>
          <Checkbox
            label="Notify the owner (their Slack, else the team's) and send lead.sla_breached"
            checked={d.notifyOwner}
            onValue={(notifyOwner) => set({ notifyOwner })}
          />
          <Checkbox
            label="Post to the team's channel too"
            checked={d.notifyTeam}
            onValue={(notifyTeam) => set({ notifyTeam })}
          />
          <Checkbox
            label="Reassign the lead to someone else"
            checked={d.reassign}
            onValue={(reassign) => set({ reassign })}
          />
        </fieldset>
        <fieldset>
          <legend>Pause the clock in these stages</legend>
          {stageKeys.length === 0 ? (
            <p class="muted">No pipeline stages yet.</p>
          ) : (
            <div class="row">
              {stageKeys.map((k) => (
                <Checkbox
                  key={k}
                  label={stageName.get(k) ?? k}
                  checked={d.pauseStages.includes(k)}
                  onValue={(on) =>
                    set({ pauseStages: on ? [...d.pauseStages, k] : d.pauseStages.filter((x) => x !== k) })
                  }
                />
              ))}
            </div>
          )}
        </fieldset>
        <Checkbox label="Enabled" checked={d.enabled} onValue={(enabled) => set({ enabled })} />
        <ErrorNote error={action.error} />
        {canEdit && (
          <button type="submit" disabled={action.busy}>
            {policy ? 'Save policy' : 'Create policy'}
          </button>
        )}
      </fieldset>
    </form>
  );
}
