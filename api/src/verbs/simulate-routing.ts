/**
 * Routes a sample lead without storing anything: the saved rules (or draft rules sent along), the
 * reps as they are now, the counters peeked, not moved. Answers the same decision the submission
 * path would store, so a customer can test a rule before saving it.
 */
import type { TouchInput } from '../contracts/public';
import type { Database } from '../db/database';
import { findForm } from '../db/queries/forms';
import { compiledRulesFor, ownerOfEarlierLead, peekCounters } from '../db/queries/routing-state';
import { findRep } from '../db/queries/reps';
import { findTeam } from '../db/queries/teams';
import { deriveFacts } from '../domain/derive-facts';
import type { FieldValue } from '../domain/lead-facts';
import { toCandidate } from '../domain/rep-availability';
import {
  compileRules,
  decide,
  ownerMatchKey,
  planRoute,
  teamSteps,
  type OwnerCandidate,
  type RepCandidate,
  type RoutingAction,
  type RoutingRule,
} from '../domain/routing';
import { orderTouches, parseTouch, touchFacts } from '../domain/touchpoints';
import { teamCandidates } from './route-lead';
import type { Condition } from '../domain/conditions';

export interface SimulateInput {
  tenantId: string;
  lead: { formId?: string; values: Record<string, FieldValue>; touchpoints?: TouchInput[] };
  rules?: { name: string; condition: Condition; action: RoutingAction; enabled?: boolean }[];
  fallback?: RoutingAction | null;
  now: Date;
}

export async function simulateRouting(db: Database, input: SimulateInput) {
  const { tenantId, lead, now } = input;
  const form = lead.formId ? await findForm(db, tenantId, lead.formId) : null;
  // Without a form, a value keyed `email` is taken as the email field.
  const fields =
    form?.fields ?? Object.keys(lead.values).map((key) => ({ key, type: key === 'email' ? 'email' : 'text' }));
  const touches = orderTouches(
    (lead.touchpoints ?? []).map((t) =>
      parseTouch({ url: t.url, referrer: t.referrer || null, utm: t.utm, occurredAt: new Date(t.occurredAt) }),
    ),
  );
  const facts = deriveFacts({
    formId: lead.formId ?? '',
    values: lead.values,
    fields,
    firstTouch: touchFacts(touches[0]),
    lastTouch: touchFacts(touches.at(-1)),
  });

  const compiled = input.rules
    ? compileRules(
        input.rules.map(
          (r, i): RoutingRule => ({
            id: `draft_${String(i).padStart(4, '0')}`,
            position: i,
            name: r.name,
            condition: r.condition,
            action: r.action,
            enabled: r.enabled ?? true,
          }),
        ),
        { fallback: input.fallback ?? undefined },
      )
    : await compiledRulesFor(db, tenantId);

  const plan = planRoute(compiled, facts);
  const teams = new Map<string, RepCandidate[]>();
  for (const step of teamSteps(plan)) {
    const load = await teamCandidates(db, { tenantId, facts, now }, step.teamId, plan.action?.slaAware === true);
    teams.set(step.teamId, await load());
  }
  let owner: OwnerCandidate | null = null;
  const key = plan.action?.ownerMatching ? ownerMatchKey(facts) : null;
  if (key) {
    const repId = await ownerOfEarlierLead(db, tenantId, key, '');
    const rep = repId ? await findRep(db, tenantId, repId) : null;
    if (rep) owner = { ...toCandidate(rep, now), teamId: rep.teamId };
  }
  const counters = await peekCounters(db, tenantId);
  const decision = decide({ compiled, facts, teams, owner, nextCounter: (k) => (counters.get(k) ?? 0) + 1 });
  const rep = decision.repId ? await findRep(db, tenantId, decision.repId) : null;
  const team = decision.teamId ? await findTeam(db, tenantId, decision.teamId) : null;
  return {
    decision,
    rep: rep ? { id: rep.id, name: rep.name, email: rep.email } : null,
    team: team ? { id: team.id, name: team.name } : null,
    facts: { email: facts.email, country: facts.country, firstTouch: facts.firstTouch, lastTouch: facts.lastTouch },
  };
}
