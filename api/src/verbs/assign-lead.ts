/**
 * Reassigns a lead by hand. A person's decision overrides the rep's open-lead maximum (routing
 * respects it; a manager may knowingly exceed it), and it is recorded with who made it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { releaseRepSlot } from '../db/queries/routing-state';
import { findRep } from '../db/queries/reps';
import { findTeam } from '../db/queries/teams';
import { retryOnConflict } from '../db/retry';
import { leads, reps } from '../db/schema';
import { ApiError } from '../errors';
import { lockLead } from './record-lead-event';

export async function assignLead(db: Database, input: { tenantId: string; leadId: string; repId: string; note?: string; actor: string; now: Date }) {
  const { tenantId, leadId, repId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, leadId);
      if (lead.status === 'spam') throw new ApiError('conflict', 'A spam lead cannot be assigned.');
      const rep = await findRep(tx, tenantId, repId);
      if (!rep) throw new ApiError('validation_failed', 'repId: no such rep.', { errors: [{ path: 'repId', message: 'no such rep' }] });
      const from = lead.ownerRepId;
      if (from === repId) return { lead, messageIds: [] as string[], changed: false };
      if (lead.status === 'open') {
        if (from) await releaseRepSlot(tx, tenantId, from, now);
        await tx.update(reps).set({ openLeads: sql`${reps.openLeads} + 1`, updatedAt: now }).where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)));
      }
      const [updated] = await tx
        .update(leads)
        .set({ ownerRepId: repId, teamId: rep.teamId, assignedAt: now, updatedAt: now })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
        .returning();
      await appendLeadEvents(tx, [
        { tenantId, leadId, type: 'lead.reassigned', data: { fromRepId: from, toRepId: repId, ...(input.note ? { note: input.note } : {}) }, actor: input.actor, occurredAt: now },
      ]);
      const team = await findTeam(tx, tenantId, rep.teamId);
      const payload = { leadId, formId: lead.formId, values: lead.values, repId, repName: rep.name, repEmail: rep.email, teamId: rep.teamId, teamName: team?.name ?? null, rule: 'manual', assignedAt: now.toISOString() };
      const messageIds = await enqueue(tx, [{ tenantId, topic: 'lead.assigned', payload, slackUrl: rep.slackWebhookUrl ?? team?.slackWebhookUrl ?? null }], now);
      return { lead: updated!, messageIds, changed: true };
    }),
  );
}
