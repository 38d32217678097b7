/** Where a rule (or the fallback) sends a lead: team, strategy, named rep, owner matching, SLA-aware, overflow. */
import type { Rep, RoutingAction, Team } from '../api';
import { Checkbox, Select } from '../ui/field';

const STRATEGIES: [string, string][] = [
  ['round_robin', 'Round robin'],
  ['weighted_round_robin', 'Weighted round robin'],
  ['least_open', 'Fewest open leads'],
  ['named_rep', 'A named rep'],
];

export function ActionEditor({
  action,
  teams,
  reps,
  onChange,
}: {
  action: RoutingAction;
  teams: Team[];
  reps: Rep[];
  onChange(a: RoutingAction): void;
}) {
  const teamOptions = teams.map((t): [string, string] => [t.id, t.name]);
  const set = (p: Partial<RoutingAction>) => {
    const next = { ...action, ...p };
    if (next.strategy !== 'named_rep') delete next.repId;
    onChange(next);
  };
  return (
    <div class="action-editor">
      <div class="row">
        <Select
          label="Team"
          value={action.teamId}
          onValue={(teamId) => set({ teamId })}
          options={[['', 'Choose a team'], ...teamOptions]}
        />
        <Select
          label="Strategy"
          value={action.strategy}
          onValue={(s) => set({ strategy: s as RoutingAction['strategy'] })}
          options={STRATEGIES}
        />
        {action.strategy === 'named_rep' && (
          <Select
            label="Rep"
            value={action.repId ?? ''}
            onValue={(repId) => set({ repId })}
            options={[
              ['', 'Choose a rep'],
              ...reps.filter((r) => r.teamId === action.teamId).map((r): [string, string] => [r.id, r.name]),
            ]}
          />
        )}
        <Select
          label="When nobody in the team can take it"
          value={action.overflow.kind === 'next_team' ? action.overflow.teamId : ''}
          onValue={(t) => set({ overflow: t ? { kind: 'next_team', teamId: t } : { kind: 'unassigned' } })}
          options={[
            ['', 'Leave it unassigned'],
            ...teamOptions
              .filter(([id]) => id !== action.teamId)
              .map(([id, n]): [string, string] => [id, `Overflow to ${n}`]),
          ]}
        />
      </div>
      <Checkbox
        label="Owner matching (same company → earlier lead's owner)"
        checked={!!action.ownerMatching}
        onValue={(ownerMatching) => set({ ownerMatching })}
      />
      <Checkbox
        label="SLA-aware (prefer reps working until the due time)"
        checked={!!action.slaAware}
        onValue={(slaAware) => set({ slaAware })}
      />
    </div>
  );
}

export const newAction = (teamId = ''): RoutingAction => ({
  teamId,
  strategy: 'round_robin',
  overflow: { kind: 'unassigned' },
});
