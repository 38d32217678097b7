/**
 * A stored lead let in as a normal open lead: one that was waitlisted (promoted, by the scheduler
 * when capacity frees or by a person) or marked spam by mistake (released). Either way it enters the
 * pipeline, is routed, its SLA clock starts and its notifications go out, in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { formCapacityPolicy, type CapacityPolicyRow } from '../db/queries/capacity';
import { appendLeadEvents, type NewLeadEvent } from '../db/queries/lead-events';
import type { LeadRow } from '../db/queries/leads';
import { enqueue, type OutboxMessage } from '../db/queries/outbox';
import { entryStage } from '../db/queries/pipeline-stages';
import { retryOnConflict } from '../db/retry';
import { leads } from '../db/schema';
import { ApiError } from '../errors';
import { takePlace } from './capacity-gate';
import { publicAvailability } from './form-demand';
import { lockLead } from './record-lead-event';
import { routeLead } from './route-lead';
import { startSlaClock } from './sla-clock';
import { storedLeadFacts } from './stored-lead-facts';

export interface Admission {
  /** What let it in (`lead.promoted`, `lead.not_spam`). */
  event: Omit<NewLeadEvent, 'tenantId' | 'leadId' | 'occurredAt'>;
  /** Messages announcing it, written before the routing's own (`lead.assigned` follows them). */
  announce: OutboxMessage[];
  actor: string;
  now: Date;
}

/** Opens the (locked) lead, routes it and starts its clock; answers the outbox message ids written. */
export async function admitStoredLead(tx: Database, lead: LeadRow, a: Admission): Promise<string[]> {
  const { now } = a;
  await tx
    .update(leads)
    .set({ status: 'open', updatedAt: now, ...(lead.stage ? {} : entryStage(lead.tenantId, now)) })
    .where(and(eq(leads.tenantId, lead.tenantId), eq(leads.id, lead.id)));
  await appendLeadEvents(tx, [{ ...a.event, tenantId: lead.tenantId, leadId: lead.id, occurredAt: now }]);
  const announced = await enqueue(tx, a.announce, now);
  const facts = storedLeadFacts(lead);
  const routed = await routeLead(tx, {
    tenantId: lead.tenantId,
    lead: { id: lead.id, formId: lead.formId, values: lead.values },
    facts,
    now,
    actor: 'system', // the routing decision is the system's, whoever let the lead in
  });
  await startSlaClock(tx, lead, { ...facts, teamId: routed.decision.teamId }, now);
  return [...announced, ...routed.messageIds];
}

/** The `lead.promoted` admission (the scheduler's and a person's alike). */
export function promotion(
  lead: LeadRow,
  policy: CapacityPolicyRow | null,
  gateMessages: OutboxMessage[],
  actor: string,
  now: Date,
): Admission {
  return {
    event: {
      type: 'lead.promoted',
      data: {
        policyId: policy?.id ?? null,
        waitedSeconds: Math.round((now.getTime() - lead.createdAt.getTime()) / 1000),
      },
      actor,
    },
    announce: [
      { tenantId: lead.tenantId, topic: 'lead.promoted', payload: { leadId: lead.id, formId: lead.formId } },
      ...gateMessages,
    ],
    actor,
    now,
  };
}

interface LeadAction {
  tenantId: string;
  leadId: string;
  actor: string;
  now: Date;
}

/**
 * A person promotes a waitlisted lead: it takes a place in the form's capacity window exactly as a
 * submission does (the same conditional take, so concurrent promotions and submissions never
 * oversubscribe); with no place left it stays waitlisted and the answer is 409 `capacity-full`.
 */
export async function promoteLead(db: Database, input: LeadAction) {
  const { tenantId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, input.leadId);
      if (lead.status !== 'waitlisted')
        throw new ApiError('conflict', `Only a waitlisted lead can be promoted; this one is ${lead.status}.`);
      const policy = await formCapacityPolicy(tx, tenantId, lead.formId);
      const gate = policy ? await takePlace(tx, policy, now) : null;
      if (gate && gate.availability.state !== 'open')
        throw new ApiError('capacity_full', 'No place is left in the current capacity window of this form.', {
          availability: publicAvailability(gate.availability),
        });
      const messageIds = await admitStoredLead(
        tx,
        lead,
        promotion(lead, policy, gate?.messages ?? [], input.actor, now),
      );
      return { lead: await lockLead(tx, tenantId, lead.id), messageIds };
    }),
  );
}

/**
 * A lead the spam traps caught, released by a person: it becomes the lead it would have been,
 * announced with `lead.created` (which spam never sent). A person's decision: it is let in whatever
 * the form's capacity says (as a manual assignment may exceed a rep's maximum), and it takes no
 * place in the window; its intake stays `spam`, so capacity reports still count it where it came in.
 */
export async function releaseSpam(db: Database, input: LeadAction) {
  const { tenantId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, input.leadId);
      if (lead.status !== 'spam') throw new ApiError('conflict', `The lead is not marked spam; it is ${lead.status}.`);
      const created: OutboxMessage = {
        tenantId,
        topic: 'lead.created',
        payload: {
          leadId: lead.id,
          formId: lead.formId,
          values: lead.values,
          status: 'open',
          firstTouch: lead.firstTouch,
          lastTouch: lead.lastTouch,
          createdAt: lead.createdAt.toISOString(),
        },
      };
      const messageIds = await admitStoredLead(tx, lead, {
        event: { type: 'lead.not_spam', data: {}, actor: input.actor },
        announce: [created],
        actor: input.actor,
        now,
      });
      return { lead: await lockLead(tx, tenantId, lead.id), messageIds };
    }),
  );
}
