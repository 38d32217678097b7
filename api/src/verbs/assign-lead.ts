/**
 * Reassigns leads by hand, one or many. A person's decision overrides the rep's open-lead maximum
 * (routing respects it; a manager may knowingly exceed it), and it is recorded with who made it.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import type { LeadRow } from '../db/queries/leads';
import { enqueue } from '../db/queries/outbox';
import { releaseRepSlot, takeRepSlot } from '../db/queries/routing-state';
import { findRep, type RepRow } from '../db/queries/reps';
import { findTeam, type TeamRow } from '../db/queries/teams';
import { retryOnConflict } from '../db/retry';
import { leads } from '../db/schema';
import { ApiError } from '../errors';
import { lockLead } from './record-lead-event';
import { assignedMessage } from './route-lead';

interface AssignInput {
  tenantId: string;
  repId: string;
  note?: string;
  actor: string;
  now: Date;
}

async function targetRep(tx: Database, tenantId: string, repId: string) {
  const rep = await findRep(tx, tenantId, repId);
  if (!rep)
    throw new ApiError('validation_failed', 'repId: no such rep.', {
      errors: [{ path: 'repId', message: 'no such rep' }],
    });
  return { rep, team: await findTeam(tx, tenantId, rep.teamId) };
}

/** Moves one locked lead to the rep: the open-lead slot, the row, the event; answers the message to send. */
async function moveLead(tx: Database, lead: LeadRow, to: { rep: RepRow; team: TeamRow | null }, input: AssignInput) {
  const { tenantId, now } = input;
  const { rep } = to;
  const from = lead.ownerRepId;
  if (from === rep.id) return null;
  if (lead.status === 'open') {
    if (from) await releaseRepSlot(tx, tenantId, from, now);
    await takeRepSlot(tx, tenantId, rep.id, now, { overMaximum: true });
  }
  const [updated] = await tx
    .update(leads)
    .set({ ownerRepId: rep.id, teamId: rep.teamId, assignedAt: now, updatedAt: now })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)))
    .returning();
  await appendLeadEvents(tx, [
    {
      tenantId,
      leadId: lead.id,
      type: 'lead.reassigned',
      data: { fromRepId: from, toRepId: rep.id, ...(input.note ? { note: input.note } : {}) },
      actor: input.actor,
      occurredAt: now,
    },
  ]);
  return { lead: updated!, message: assignedMessage(tenantId, lead, rep, to.team, { rule: 'manual' }, now) };
}

const spamRefused = () => new ApiError('conflict', 'A spam lead cannot be assigned.');

export async function assignLead(db: Database, input: AssignInput & { leadId: string }) {
  const { tenantId, leadId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, leadId);
      if (lead.status === 'spam') throw spamRefused();
      const moved = await moveLead(tx, lead, await targetRep(tx, tenantId, input.repId), input);
      if (!moved) return { lead, messageIds: [] as string[], changed: false };
      const messageIds = await enqueue(tx, [moved.message], now);
      return { lead: moved.lead, messageIds, changed: true };
    }),
  );
}

/**
 * Reassigns many leads at once, all or nothing: an id that is not one of the tenant's leads (404),
 * a spam lead (409) or an unknown rep (422) refuses the whole request and changes nothing. Leads
 * are locked in id order, so two bulk reassignments over the same leads cannot deadlock.
 */
export async function assignLeads(db: Database, input: AssignInput & { leadIds: string[] }) {
  const { tenantId, now } = input;
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const locked = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, input.leadIds)))
        .orderBy(asc(leads.id))
        .for('update');
      const found = new Set(locked.map((l) => l.id));
      const missing = input.leadIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new ApiError('not_found', `No such lead: ${missing.join(', ')}.`, { missing });
      const spam = locked.filter((l) => l.status === 'spam').map((l) => l.id);
      if (spam.length > 0)
        throw new ApiError('conflict', `Spam leads cannot be assigned: ${spam.join(', ')}.`, { spam });
      const to = await targetRep(tx, tenantId, input.repId);
      const byId = new Map<string, LeadRow>();
      const messages = [];
      for (const lead of locked) {
        const moved = await moveLead(tx, lead, to, input);
        byId.set(lead.id, moved?.lead ?? lead);
        if (moved) messages.push(moved.message);
      }
      const messageIds = await enqueue(tx, messages, now);
      return { leads: input.leadIds.map((id) => byId.get(id)!), changed: messages.length, messageIds };
    }),
  );
}
