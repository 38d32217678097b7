/**
 * Records what happened to a lead (a response, a stage, won, lost, churned) and applies it: status,
 * stage and its stall check, the rep's open-lead slot when it closes, the money ledger, the events
 * and the webhooks, in one transaction. A move into a won stage is also the `won` event (with its
 * amount), a move into a lost stage the `lost` event.
 */
import { and, eq } from 'drizzle-orm';
import type { LeadEventInput } from '../contracts/lead-actions';
import type { Database } from '../db/database';
import { appendLeadEvents, type NewLeadEvent } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { findStageByKey } from '../db/queries/pipeline-stages';
import { insertRevenueEntry } from '../db/queries/revenue';
import { releaseRepSlot } from '../db/queries/routing-state';
import { markScoresDue } from '../db/queries/source-scores';
import { leads } from '../db/schema';
import { newId } from '../domain/ids';
import { transition, type LeadEventType } from '../domain/lead-lifecycle';
import { toMinorUnits } from '../domain/money';
import { closingEventOf, stallCheckAt } from '../domain/pipeline';
import { retryOnConflict } from '../db/retry';
import { ApiError, invalidFields, notFound } from '../errors';
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

/** Major units to minor, or a 422 naming the field. */
function minorOf(amount: number | string, currency: string, path: string): number {
  const m = toMinorUnits(amount, currency);
  if (!m.ok) throw invalidFields([{ path, message: m.message }]);
  return m.minor;
}

export async function recordLeadEvent(db: Database, input: RecordLeadEventInput) {
  const { tenantId, leadId, event, now } = input;
  const at = event.occurredAt ? new Date(event.occurredAt) : now;
  if (at.getTime() > now.getTime())
    throw new ApiError('validation_failed', 'occurredAt is in the future.', {
      errors: [{ path: 'occurredAt', message: 'in the future' }],
    });

  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, leadId);
      // A stage is read (and held against deletion) before anything is decided: its kind decides the event.
      const stage = event.type === 'stage_changed' ? await findStageByKey(tx, tenantId, event.stage, 'share') : null;
      if (event.type === 'stage_changed' && !stage)
        throw invalidFields([{ path: 'stage', message: `no pipeline stage has the key "${event.stage}"` }]);
      const closing = stage ? closingEventOf(stage.kind) : null;
      const lifecycle: LeadEventType = closing ?? event.type;
      const t = transition(lead.status, lifecycle);
      if (!t.ok) throw new ApiError('conflict', `Cannot record ${lifecycle}: ${t.reason}.`);

      const patch: Partial<typeof leads.$inferInsert> = { status: t.status, updatedAt: now };
      const extra: Record<string, unknown> = {};
      let wonMinor: number | null = null;
      if (event.type === 'contacted' && !lead.firstResponseAt)
        // biome-ignore lint/complexity/useMathMinMax: Dates, not numbers (Math.max would answer a number)
        patch.firstResponseAt = at < lead.createdAt ? lead.createdAt : at;
      if (event.type === 'won' || closing === 'won') {
        const { amount, currency } = event as { amount?: number | string; currency?: string };
        if (amount === undefined || currency === undefined) {
          throw invalidFields([
            {
              path: amount === undefined ? 'amount' : 'currency',
              message: `required: "${stage?.key ?? 'won'}" is a won stage`,
            },
          ]);
        }
        wonMinor = minorOf(amount, currency, 'amount');
        Object.assign(patch, { wonAmountMinor: wonMinor, currency });
        Object.assign(extra, { amountMinor: wonMinor, currency });
      }
      if (stage)
        Object.assign(patch, {
          stage: stage.key,
          stageEnteredAt: at,
          stalledAt: null,
          stallCheckAt: t.closes ? null : stallCheckAt(stage, at),
        });
      if (stage) extra.fromStage = lead.stage;
      if (t.closes) Object.assign(patch, { closedAt: at, stallCheckAt: null });
      let churnMinor: number | null = null;
      if (event.type === 'churned' && lead.currency) {
        churnMinor =
          event.lostAmount !== undefined
            ? minorOf(event.lostAmount, lead.currency, 'lostAmount')
            : (lead.wonAmountMinor ?? 0);
        Object.assign(extra, { lostAmountMinor: churnMinor, currency: lead.currency });
      }
      await tx
        .update(leads)
        .set(patch)
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
      if (t.closes && lead.ownerRepId && lead.status === 'open')
        await releaseRepSlot(tx, tenantId, lead.ownerRepId, now);
      if (event.type === 'contacted') await recordSlaResponse(tx, lead, patch.firstResponseAt ?? at, now);
      if (stage) await applySlaStage(tx, lead, stage.key, now);
      if (t.closes) await stopSlaClock(tx, lead);
      if (wonMinor !== null)
        await insertRevenueEntry(
          tx,
          {
            tenantId,
            leadId,
            kind: 'deal',
            amountMinor: wonMinor,
            currency: patch.currency!,
            occurredAt: at,
            origin: 'lead_event',
          },
          now,
        );
      if (churnMinor)
        await insertRevenueEntry(
          tx,
          {
            tenantId,
            leadId,
            kind: 'churn',
            amountMinor: churnMinor,
            currency: lead.currency!,
            occurredAt: at,
            origin: 'lead_event',
          },
          now,
        );
      if (wonMinor !== null || event.type === 'churned') await markScoresDue(tx, tenantId, now);

      const { type, occurredAt: _o, ...sent } = event;
      const data = { ...sent, ...extra };
      const types = closing && type === 'stage_changed' ? ['stage_changed', closing] : [type];
      const stored: (NewLeadEvent & { id: string; data: Record<string, unknown> })[] = types.map((ty) => ({
        id: newId('event', now),
        tenantId,
        leadId,
        type: `lead.${ty}`,
        data,
        actor: input.actor,
        occurredAt: at,
      }));
      await appendLeadEvents(tx, stored);
      const base = { leadId, formId: lead.formId, ownerRepId: lead.ownerRepId, ...data, occurredAt: at.toISOString() };
      const messageIds = await enqueue(
        tx,
        stored.map((e) => ({ tenantId, topic: e.type, payload: base })),
        now,
      );
      return { event: stored[0]!, leadStatus: t.status, messageIds };
    }),
  );
}
