/**
 * Reassigns a lead by hand. A person's decision overrides the rep's open-lead maximum (routing
 * respects it; a manager may knowingly exceed it), and it is recorded with who made it.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { releaseRepSlot, takeRepSlot } from '../db/queries/routing-state';
import { findRep } from '../db/queries/reps';
import { findTeam } from '../db/queries/teams';
import { retryOnConflict } from '../db/retry';
import { leads } from '../db/schema';
import { ApiError } from '../errors';
import { lockLead } from './record-lead-event';
import { assignmentMailMessages } from './lead-mail';
import { assignedMessage } from './route-lead';
import { storedLeadFacts } from './stored-lead-facts';

export async function assignLead(
  db: Database,
  input: {
    tenantId: string;
    leadId: string;
    repId: string;
    note?: string;
    actor: string;
    now: Date;
    /** For the link in the rep's email (AppDeps.publicUrl). */
    publicUrl?: string;
  },
) {
  const { tenantId, leadId, repId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, leadId);
      if (lead.status === 'spam') throw new ApiError('conflict', 'A spam lead cannot be assigned.');
      const rep = await findRep(tx, tenantId, repId);
      if (!rep)
        throw new ApiError('validation_failed', 'repId: no such rep.', {
          errors: [{ path: 'repId', message: 'no such rep' }],
        });
      const from = lead.ownerRepId;
      if (from === repId) return { lead, messageIds: [] as string[], changed: false };
      if (lead.status === 'open') {
        if (from) await releaseRepSlot(tx, tenantId, from, now);
        await takeRepSlot(tx, tenantId, repId, now, { overMaximum: true });
      }
      const [updated] = await tx
        .update(leads)
        .set({ ownerRepId: repId, teamId: rep.teamId, assignedAt: now, updatedAt: now })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
        .returning();
      await appendLeadEvents(tx, [
        {
          tenantId,
          leadId,
          type: 'lead.reassigned',
          data: { fromRepId: from, toRepId: repId, ...(input.note ? { note: input.note } : {}) },
          actor: input.actor,
          occurredAt: now,
        },
      ]);
      const team = await findTeam(tx, tenantId, rep.teamId);
      const messageIds = await enqueue(
        tx,
        [
          assignedMessage(tenantId, lead, rep, team, { rule: 'manual' }, now),
          ...assignmentMailMessages(tenantId, lead, storedLeadFacts(lead), rep, team, 'manual', input.publicUrl),
        ],
        now,
      );
      return { lead: updated!, messageIds, changed: true };
    }),
  );
}
