/**
 * The stall check: a lead that stays in an open stage past the stage's stall limit is flagged once
 * per stay (`lead.stalled` event, webhook, Slack to its owner). Leads are found by their indexed
 * `stall_check_at`, claimed with SKIP LOCKED, and the flag, event and messages share one transaction
 * per batch, as the SLA sweep does: two checks at once never flag a lead twice.
 */
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { findStageByKey } from '../db/queries/pipeline-stages';
import { findRep } from '../db/queries/reps';
import { findTeam } from '../db/queries/teams';
import { leads } from '../db/schema';

export async function checkStalls(db: Database, now: Date, batch = 500): Promise<{ stalled: number }> {
  const report = { stalled: 0 };
  while ((await db.transaction((tx) => stallBatch(tx, now, batch, report))) === batch);
  return report;
}

async function stallBatch(tx: Database, now: Date, batch: number, report: { stalled: number }): Promise<number> {
  const due = await tx
    .select()
    .from(leads)
    .where(and(isNotNull(leads.stallCheckAt), lte(leads.stallCheckAt, now)))
    .orderBy(asc(leads.stallCheckAt))
    .limit(batch)
    .for('update', { skipLocked: true });
  // A batch is mostly leads of a few stages: each stage is read once per batch, not once per lead.
  const stages = new Map<string, ReturnType<typeof findStageByKey>>();
  const stageOf = (tenantId: string, key: string) => {
    const k = `${tenantId}\u0000${key}`;
    if (!stages.has(k)) stages.set(k, findStageByKey(tx, tenantId, key));
    return stages.get(k)!;
  };
  for (const lead of due) {
    const open = lead.status === 'open' || lead.status === 'waitlisted';
    const where = and(eq(leads.tenantId, lead.tenantId), eq(leads.id, lead.id));
    await tx
      .update(leads)
      .set({ stallCheckAt: null, ...(open ? { stalledAt: now } : {}) })
      .where(where);
    // A lead closed since its check time was set has nothing to flag.
    if (!open) continue;
    const stage = lead.stage ? await stageOf(lead.tenantId, lead.stage) : null;
    const owner = lead.ownerRepId ? await findRep(tx, lead.tenantId, lead.ownerRepId) : null;
    const team = !owner?.slackWebhookUrl && lead.teamId ? await findTeam(tx, lead.tenantId, lead.teamId) : null;
    const data = {
      stage: lead.stage,
      stallDays: stage?.stallDays ?? null,
      enteredAt: lead.stageEnteredAt?.toISOString() ?? null,
    };
    await appendLeadEvents(tx, [
      { tenantId: lead.tenantId, leadId: lead.id, type: 'lead.stalled', data, actor: 'system', occurredAt: now },
    ]);
    const payload = {
      leadId: lead.id,
      formId: lead.formId,
      values: lead.values,
      ...data,
      stageName: stage?.name ?? null,
      repId: owner?.id ?? null,
      repName: owner?.name ?? null,
    };
    await enqueue(
      tx,
      [
        {
          tenantId: lead.tenantId,
          topic: 'lead.stalled',
          payload,
          slackUrl: owner?.slackWebhookUrl ?? team?.slackWebhookUrl ?? null,
        },
      ],
      now,
    );
    report.stalled++;
  }
  return due.length;
}
