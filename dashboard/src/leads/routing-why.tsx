/** The routing decision of a lead (its `lead.routed` event) in words: the rule, the owner check, each rep and why. */
import type { LeadEvent, RoutingDecision } from '../api';

const SKIP: Record<string, string> = {
  chosen: 'chosen',
  available: 'available, but the rotation chose another rep',
  not_found: 'not found (deleted or moved to another team)',
  inactive: 'skipped: inactive',
  out_of_office: 'skipped: out of office',
  outside_working_hours: 'skipped: outside working hours',
  at_capacity: 'skipped: at their maximum of open leads',
  ends_before_due: "skipped: their shift ends before the lead's due time",
  answers_later: 'skipped: another rep can answer sooner',
};

const STRATEGY: Record<string, string> = {
  round_robin: 'round robin',
  weighted_round_robin: 'weighted round robin',
  least_open: 'fewest open leads',
  named_rep: 'a named rep',
  owner_match: 'owner matching (an earlier lead from the same company)',
};

export function RoutingWhy({
  decision,
  name,
}: {
  decision: RoutingDecision;
  name(kind: 'rep' | 'team', id: string): string;
}) {
  const src = decision.source;
  return (
    <div class="why">
      <p>
        {src.kind === 'rule' ? (
          <>
            Rule <strong>{src.ruleName}</strong> matched
          </>
        ) : src.kind === 'fallback' ? (
          'No rule matched; the fallback applied'
        ) : (
          'No rule matched and there is no fallback'
        )}
        {` (${decision.rulesEvaluated} rule${decision.rulesEvaluated === 1 ? '' : 's'} checked).`}
        {decision.repId &&
          ` Assigned to ${name('rep', decision.repId)} by ${STRATEGY[decision.strategy ?? ''] ?? decision.strategy}.`}
        {decision.overflow === 'next_team' && ' The first team could not take it: it overflowed to the next team.'}
        {decision.overflow === 'unassigned' &&
          decision.teamId &&
          ` Nobody could take it: it waits unassigned in ${name('team', decision.teamId)}.`}
      </p>
      {decision.owner && (
        <p>
          Owner of an earlier lead: {name('rep', decision.owner.repId)} —{' '}
          {SKIP[decision.owner.outcome] ?? decision.owner.outcome}.
        </p>
      )}
      {decision.attempts.map((a) => (
        <div>
          <p class="muted">
            {name('team', a.teamId)}
            {a.overflow ? ' (overflow)' : ''}, {STRATEGY[a.strategy] ?? a.strategy}:
          </p>
          <ul>
            {a.considered.map((c) => (
              <li>
                {name('rep', c.repId)}: {SKIP[c.outcome] ?? c.outcome}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export const decisionOf = (events: LeadEvent[]) =>
  events.findLast((e) => e.type === 'lead.routed')?.data as RoutingDecision | undefined;
