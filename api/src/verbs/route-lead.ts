/**
 * Routes one lead inside the caller's transaction: match a rule, try the owner of an earlier lead,
 * then the rule's team and its overflow team, taking a rep's open-lead slot atomically. Stores the
 * decision ("why") as an event and writes the notifications to the outbox.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents, type NewLeadEvent } from '../db/queries/lead-events';
import { enqueue, type OutboxMessage } from '../db/queries/outbox';
import { compiledRulesFor, nextCounter, ownerOfEarlierLead, takeRepSlot, teamReps } from '../db/queries/routing-state';
import { findRep, type RepRow } from '../db/queries/reps';
import { findTeam, type TeamRow } from '../db/queries/teams';
import { leads } from '../db/schema';
import type { FieldValue, LeadFacts } from '../domain/lead-facts';
import { toCandidate } from '../domain/rep-availability';
import { slaAwareCandidates } from '../domain/sla-aware';
import { assignmentMailMessages } from './lead-mail';
import { firstResponseDueFor } from './sla-clock';
import {
  checkOwner,
  counterKey,
  explainDecision,
  needsCounter,
  ownerMatchKey,
  pickFromTeam,
  planRoute,
  teamSteps,
  type OwnerCheck,
  type RepCandidate,
  type RoutingDecision,
  type TeamAttempt,
  type TeamStep,
} from '../domain/routing';

export interface RouteLeadInput {
  tenantId: string;
  lead: { id: string; formId: string; values: Record<string, FieldValue> };
  facts: LeadFacts;
  now: Date;
  actor: string;
  /** Reps that must not get the lead (an escalation moving it away from its owner). */
  excludeRepIds?: readonly string[];
  /** The dashboard's public origin, for the link in the assignment email (AppDeps.publicUrl). */
  publicUrl?: string;
}

export interface RouteLeadResult {
  decision: RoutingDecision;
  messageIds: string[];
}

/** What routing decided, and what it asks to be written: the lead's new columns, an event, notifications. */
export interface RouteDecision {
  decision: RoutingDecision;
  leadPatch: Pick<typeof leads.$inferInsert, 'teamId' | 'ownerRepId' | 'assignedAt'>;
  events: NewLeadEvent[];
  messages: OutboxMessage[];
}

/**
 * Decides where the lead goes (taking the counter and the rep's slot) without writing the lead, so
 * the submission path can insert the lead once with its owner, and its events and messages in one
 * statement each. No rule and no fallback: nothing to write at all.
 */
export async function decideRoute(tx: Database, input: RouteLeadInput): Promise<RouteDecision> {
  const { tenantId, now, facts } = input;
  const compiled = await compiledRulesFor(tx, tenantId);
  const plan = planRoute(compiled, facts);
  // Reps read while deciding, so the notification does not read the chosen one again.
  const loaded = new Map<string, RepRow>();
  const owner = plan.action?.ownerMatching ? await tryOwner(tx, input, loaded) : null;
  const attempts: TeamAttempt[] = [];
  if (owner?.outcome !== 'chosen') {
    for (const step of teamSteps(plan)) {
      const attempt = await tryTeam(tx, input, step, plan.action?.slaAware === true, loaded);
      attempts.push(attempt);
      if (attempt.chosenRepId) break;
    }
  }
  const decision = explainDecision({ plan, owner, attempts });
  const leadPatch = { teamId: decision.teamId, ownerRepId: decision.repId, assignedAt: decision.repId ? now : null };
  if (!plan.action) return { decision, leadPatch, events: [], messages: [] };
  return {
    decision,
    leadPatch,
    events: [
      {
        tenantId,
        leadId: input.lead.id,
        type: 'lead.routed',
        data: { ...decision },
        actor: input.actor,
        occurredAt: now,
      },
    ],
    messages: await notifications(tx, input, decision, loaded),
  };
}

/** Routes a lead that is already stored (promotion, escalation) and writes what routing decided. */
export async function routeLead(tx: Database, input: RouteLeadInput): Promise<RouteLeadResult> {
  const { decision, leadPatch, events, messages } = await decideRoute(tx, input);
  await tx
    .update(leads)
    .set({ ...leadPatch, updatedAt: input.now })
    .where(and(eq(leads.tenantId, input.tenantId), eq(leads.id, input.lead.id)));
  await appendLeadEvents(tx, events);
  return { decision, messageIds: await enqueue(tx, messages, input.now) };
}

const excluded = (input: RouteLeadInput, repId: string) => input.excludeRepIds?.includes(repId) ?? false;

async function tryOwner(tx: Database, input: RouteLeadInput, loaded: Map<string, RepRow>): Promise<OwnerCheck | null> {
  const key = ownerMatchKey(input.facts);
  if (!key) return null;
  const repId = await ownerOfEarlierLead(tx, input.tenantId, key, input.lead.id);
  const rep = repId && !excluded(input, repId) ? await findRep(tx, input.tenantId, repId) : null;
  if (!rep) return null;
  loaded.set(rep.id, rep);
  const check = checkOwner({ ...toCandidate(rep, input.now), teamId: rep.teamId });
  if (check.outcome === 'chosen' && !(await takeRepSlot(tx, input.tenantId, rep.id, input.now))) {
    return { ...check, outcome: 'at_capacity' };
  }
  return check;
}

/**
 * A team's reps as candidates for one lead. With `slaAware`, the lead's due time in that team (SLA
 * policies may depend on the team) narrows them to reps working until then, or to whoever can
 * answer soonest. The simulator calls this too, so it shows what a submission would get.
 */
export async function teamCandidates(
  tx: Database,
  input: Pick<RouteLeadInput, 'tenantId' | 'facts' | 'now' | 'excludeRepIds'>,
  teamId: string,
  slaAware: boolean,
  loaded?: Map<string, RepRow>,
): Promise<() => Promise<RepCandidate[]>> {
  const due = slaAware ? await firstResponseDueFor(tx, input.tenantId, { ...input.facts, teamId }, input.now) : null;
  return async () => {
    const rows = (await teamReps(tx, input.tenantId, teamId)).filter((r) => !input.excludeRepIds?.includes(r.id));
    for (const r of rows) loaded?.set(r.id, r);
    const candidates: RepCandidate[] = rows.map((r) => toCandidate(r, input.now));
    const hours = new Map(rows.map((r) => [r.id, r.workingHours]));
    return due ? slaAwareCandidates(candidates, (id) => hours.get(id) ?? null, due, input.now) : candidates;
  };
}

async function tryTeam(
  tx: Database,
  input: RouteLeadInput,
  step: TeamStep,
  slaAware: boolean,
  loaded: Map<string, RepRow>,
): Promise<TeamAttempt> {
  const loadCandidates = await teamCandidates(tx, input, step.teamId, slaAware, loaded);
  let candidates = await loadCandidates();
  const counter = needsCounter(step, candidates) ? await nextCounter(tx, input.tenantId, counterKey(step)) : null;
  // The counter's row lock orders assignments into this team. Least-open compares open-lead counts,
  // so it reads them again now that every assignment before ours has committed: exact, not approximate.
  if (step.strategy === 'least_open' && counter !== null) candidates = await loadCandidates();
  let attempt = pickFromTeam(step, candidates, counter);
  // A concurrent assignment may have taken the chosen rep's last slot since we read it: mark the
  // rep full and pick again with the same counter, so nobody ever goes over their maximum.
  while (attempt.chosenRepId && !(await takeRepSlot(tx, input.tenantId, attempt.chosenRepId, input.now))) {
    const full = attempt.chosenRepId;
    candidates = candidates.map((c) => (c.id === full ? { ...c, skipReason: 'at_capacity' } : c));
    attempt = pickFromTeam(step, candidates, counter);
  }
  return attempt;
}

type NotifiedLead = RouteLeadInput['lead'];

const leadBase = (lead: NotifiedLead, team: TeamRow | null, rule: string) => ({
  leadId: lead.id,
  formId: lead.formId,
  values: lead.values,
  teamId: team?.id ?? null,
  teamName: team?.name ?? null,
  rule,
});

/**
 * `lead.assigned`: to the tenant's webhooks, and to the rep's (or else the team's) Slack channel.
 * Routing and a manual reassignment send the same message; `rule` says which it was.
 */
export function assignedMessage(
  tenantId: string,
  lead: NotifiedLead,
  rep: RepRow,
  team: TeamRow | null,
  how: { rule: string; strategy?: string },
  now: Date,
): OutboxMessage {
  const payload = {
    ...leadBase(lead, team, how.rule),
    repId: rep.id,
    repName: rep.name,
    repEmail: rep.email,
    strategy: how.strategy ?? null,
    assignedAt: now.toISOString(),
  };
  return { tenantId, topic: 'lead.assigned', payload, slackUrl: rep.slackWebhookUrl ?? team?.slackWebhookUrl ?? null };
}

/**
 * The assignment message (and the rep's email), or `lead.unassigned` to the team's channel when
 * nobody could take it.
 */
async function notifications(
  tx: Database,
  input: RouteLeadInput,
  decision: RoutingDecision,
  loaded: Map<string, RepRow>,
): Promise<OutboxMessage[]> {
  const team = decision.teamId ? await findTeam(tx, input.tenantId, decision.teamId) : null;
  const rep: RepRow | null = decision.repId
    ? (loaded.get(decision.repId) ?? (await findRep(tx, input.tenantId, decision.repId)))
    : null;
  const rule = decision.source.kind === 'rule' ? decision.source.ruleName : decision.source.kind;
  if (rep)
    return [
      assignedMessage(
        input.tenantId,
        input.lead,
        rep,
        team,
        { rule, strategy: decision.strategy ?? undefined },
        input.now,
      ),
      ...assignmentMailMessages(input.tenantId, input.lead, input.facts, rep, team, rule, input.publicUrl),
    ];
  if (!decision.teamId) return [];
  return [
    {
      tenantId: input.tenantId,
      topic: 'lead.unassigned',
      payload: { ...leadBase(input.lead, team, rule), reason: 'nobody available' },
      slackUrl: team?.slackWebhookUrl ?? null,
    },
  ];
}
