/**
 * Records what happened to a lead (a response, a stage, won, lost, churned) and applies it: status,
 * the rep's open-lead slot when it closes, the event, and the webhook, in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { LeadEventInput } from '../contracts/lead-actions';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { releaseRepSlot } from '../db/queries/routing-state';
import { leads } from '../db/schema';
import { newId } from '../domain/ids';
import { transition } from '../domain/lead-lifecycle';
import { retryOnConflict } from '../db/retry';
import { ApiError, notFound } from '../errors';
import { applySlaStage, recordSlaResponse, stopSlaClock } from './sla-clock';

export interface RecordLeadEventInput {
  tenantId: string;
  leadId: string;
  event: LeadEventInput;
  actor: string;
  now: Date;
}

export async function lockLead(tx: Database, tenantId: string, leadId: string) {
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .for('update');
  if (!lead) throw notFound('lead');
  return lead;
}

export async function recordLeadEvent(db: Database, input: RecordLeadEventInput) {
  const { tenantId, leadId, event, now } = input;
  const at = event.occurredAt ? new Date(event.occurredAt) : now;
  if (at.getTime() > now.getTime()) throw new ApiError('validation_failed', 'occurredAt is in the future.', { errors: [{ path: 'occurredAt', message: 'in the future' }] });

  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, leadId);
      const t = transition(lead.status, event.type);
      if (!t.ok) throw new ApiError('conflict', `Cannot record ${event.type}: ${t.reason}.`);
      const patch: Partial<typeof leads.$inferInsert> = { status: t.status, updatedAt: now };
      if (event.type === 'contacted' && !lead.firstResponseAt) patch.firstResponseAt = at < lead.createdAt ? lead.createdAt : at;
      if (event.type === 'stage_changed') patch.stage = event.stage;
      if (event.type === 'won') Object.assign(patch, { wonAmountMinor: Math.round(event.amount * 100), currency: event.currency });
      if (t.closes) patch.closedAt = at;
      await tx.update(leads).set(patch).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
      if (t.closes && lead.ownerRepId && lead.status === 'open') await releaseRepSlot(tx, tenantId, lead.ownerRepId, now);
      if (event.type === 'contacted') await recordSlaResponse(tx, lead, patch.firstResponseAt ?? at, now);
      if (event.type === 'stage_changed') await applySlaStage(tx, lead, event.stage, now);
      if (t.closes) await stopSlaClock(tx, lead);

      const { type, occurredAt: _o, ...data } = event;
      const id = newId('event', now);
      const stored = { id, tenantId, leadId, type: `lead.${type}`, data, actor: input.actor, occurredAt: at };
      await appendLeadEvents(tx, [stored]);
      const messageIds = await enqueue(tx, [{ tenantId, topic: `lead.${type}`, payload: { leadId, formId: lead.formId, ownerRepId: lead.ownerRepId, ...data, occurredAt: at.toISOString() } }], now);
      return { event: stored, leadStatus: t.status, messageIds };
    }),
  );
}
