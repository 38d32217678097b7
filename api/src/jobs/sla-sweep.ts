/**
 * The SLA sweep: leads whose warning or due time has come are warned, or marked breached and
 * escalated, each exactly once. Claim, state change, events, escalation and outbox rows share one
 * transaction per batch, so overlapping sweeps never take the same lead (SKIP LOCKED) and a crash
 * part-way leaves nothing half-done: the batch is simply claimed again by the next tick.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue, type OutboxMessage } from '../db/queries/outbox';
import { releaseRepSlot } from '../db/queries/routing-state';
import { findRep } from '../db/queries/reps';
import { findTeam } from '../db/queries/teams';
import { claimDueLeads } from '../db/queries/sla';
import { findSlaPolicy } from '../db/queries/sla-policies';
import { leads } from '../db/schema';
import { routeLead } from '../verbs/route-lead';
import { storedLeadFacts } from '../verbs/stored-lead-facts';

type LeadRow = typeof leads.$inferSelect;

export interface SweepReport {
  warned: number;
  breached: number;
  reassigned: number;
}

export async function sweepSla(db: Database, now: Date, batch = 200): Promise<SweepReport> {
  const report: SweepReport = { warned: 0, breached: 0, reassigned: 0 };
  while ((await db.transaction((tx) => sweepBatch(tx, now, batch, report))) === batch);
  return report;
}

/** One batch inside the caller's transaction; answers how many leads it claimed. */
export async function sweepBatch(tx: Database, now: Date, batch: number, report: SweepReport): Promise<number> {
  const due = await claimDueLeads(tx, now, batch);
  for (const lead of due) await checkLead(tx, lead, now, report);
  return due.length;
}

async function checkLead(tx: Database, lead: LeadRow, now: Date, report: SweepReport): Promise<void> {
  const set = (patch: Partial<typeof leads.$inferInsert>) =>
    tx
      .update(leads)
      .set(patch)
      .where(and(eq(leads.tenantId, lead.tenantId), eq(leads.id, lead.id)));
  if (lead.slaState !== 'running' || !lead.slaDueAt) {
    await set({ slaNextCheckAt: null });
    return;
  }
  const owner = lead.ownerRepId ? await findRep(tx, lead.tenantId, lead.ownerRepId) : null;
  const team = lead.teamId ? await findTeam(tx, lead.tenantId, lead.teamId) : null;
  const payload = {
    leadId: lead.id,
    formId: lead.formId,
    values: lead.values,
    phase: lead.slaPhase,
    dueAt: lead.slaDueAt.toISOString(),
    repId: owner?.id ?? null,
    repName: owner?.name ?? null,
    teamId: team?.id ?? null,
    teamName: team?.name ?? null,
  };

  if (now.getTime() < lead.slaDueAt.getTime()) {
    // Not due yet: this is the warning.
    // The warning time stays: the inbox shows the lead as due soon from then on (domain/sla-state.ts).
    await set({ slaNextCheckAt: lead.slaDueAt });
    await appendLeadEvents(tx, [
      {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: 'lead.sla_warning',
        data: { phase: lead.slaPhase, dueAt: payload.dueAt },
        actor: 'system',
        occurredAt: now,
      },
    ]);
    report.warned++;
    await enqueue(
      tx,
      [
        {
          tenantId: lead.tenantId,
          topic: 'lead.sla_warning',
          payload,
          slackUrl: owner?.slackWebhookUrl ?? team?.slackWebhookUrl ?? null,
        },
      ],
      now,
    );
    return;
  }

  await set({ slaState: 'breached', slaBreachedAt: lead.slaDueAt, slaNextCheckAt: null, updatedAt: now });
  const policy = lead.slaPolicyId ? await findSlaPolicy(tx, lead.tenantId, lead.slaPolicyId) : null;
  const escalation = policy?.escalation ?? { notifyOwner: true, notifyTeam: false, reassign: false };
  await appendLeadEvents(tx, [
    {
      tenantId: lead.tenantId,
      leadId: lead.id,
      type: 'lead.sla_breached',
      data: { phase: lead.slaPhase, dueAt: payload.dueAt, escalation },
      actor: 'system',
      occurredAt: now,
    },
  ]);
  report.breached++;
  const messages: OutboxMessage[] = [
    {
      tenantId: lead.tenantId,
      topic: 'lead.sla_breached',
      payload,
      slackUrl: escalation.notifyOwner ? (owner?.slackWebhookUrl ?? team?.slackWebhookUrl ?? null) : null,
    },
  ];
  if (escalation.notifyTeam && team?.slackWebhookUrl && team.slackWebhookUrl !== messages[0]!.slackUrl) {
    messages.push({
      tenantId: lead.tenantId,
      topic: 'lead.sla_escalated',
      payload: { ...payload, escalatedTo: 'team' },
      slackUrl: team.slackWebhookUrl,
    });
  }
  await enqueue(tx, messages, now);
  if (escalation.reassign && lead.status === 'open') await reassignAway(tx, lead, now, report);
}

/** Routes the lead again, away from the owner who let it breach; the old slot is given back. */
async function reassignAway(tx: Database, lead: LeadRow, now: Date, report: SweepReport): Promise<void> {
  if (lead.ownerRepId) await releaseRepSlot(tx, lead.tenantId, lead.ownerRepId, now);
  const routed = await routeLead(tx, {
    tenantId: lead.tenantId,
    lead: { id: lead.id, formId: lead.formId, values: lead.values },
    facts: storedLeadFacts(lead),
    now,
    actor: 'system:sla_escalation',
    excludeRepIds: lead.ownerRepId ? [lead.ownerRepId] : [],
  });
  if (routed.decision.repId) report.reassigned++;
}
