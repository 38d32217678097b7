/**
 * The SLA clock of a lead, as its life moves it: started at creation with the first matching policy,
 * stopped (or moved on to the follow-up target) by a response, paused and resumed by stages, and
 * frozen when the lead closes. Runs in the caller's transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { appendLeadEvents, type NewLeadEvent } from '../db/queries/lead-events';
import { findBusinessCalendar } from '../db/queries/business-calendars';
import { enabledSlaPolicies } from '../db/queries/sla';
import { findSlaPolicy, type SlaPolicyRow } from '../db/queries/sla-policies';
import { leads } from '../db/schema';
import type { StoredPause } from '../db/schema/lead-sla';
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../domain/business-hours';
import { compileCondition } from '../domain/conditions';
import type { LeadFacts } from '../domain/lead-facts';
import {
  firstResponseDue,
  followUpDue,
  followUpWarningAt,
  isBreached,
  responseTimes,
  warningAt,
  type SlaPause,
} from '../domain/sla';

type LeadRow = typeof leads.$inferSelect;
type LeadPatch = Partial<typeof leads.$inferInsert>;

const toPauses = (p: StoredPause[]): SlaPause[] =>
  p.map((x) => ({ from: new Date(x.from), to: x.to ? new Date(x.to) : null }));

async function calendarOf(tx: Database, policy: SlaPolicyRow): Promise<BusinessCalendar | null> {
  if (policy.targets.clock === 'calendar' || !policy.calendarId) return null;
  return (await findBusinessCalendar(tx, policy.tenantId, policy.calendarId))?.calendar ?? null;
}

async function update(tx: Database, lead: LeadRow, patch: LeadPatch) {
  await tx
    .update(leads)
    .set(patch)
    .where(and(eq(leads.tenantId, lead.tenantId), eq(leads.id, lead.id)));
}

/** The first enabled policy whose condition holds for the lead (routed: its team is known). */
export async function matchSlaPolicy(tx: Database, tenantId: string, facts: LeadFacts): Promise<SlaPolicyRow | null> {
  for (const policy of await enabledSlaPolicies(tx, tenantId))
    if (compileCondition(policy.condition)(facts)) return policy;
  return null;
}

/** The first-response due time a lead created now would get, without starting anything. */
export async function firstResponseDueFor(
  tx: Database,
  tenantId: string,
  facts: LeadFacts,
  now: Date,
): Promise<Date | null> {
  const policy = await matchSlaPolicy(tx, tenantId, facts);
  return policy ? firstResponseDue(policy.targets, await calendarOf(tx, policy), now) : null;
}

/** The SLA columns and event a new lead starts with, without writing them (see startSlaClock). */
export async function slaStart(
  tx: Database,
  tenantId: string,
  leadId: string,
  facts: LeadFacts,
  now: Date,
): Promise<{ patch: LeadPatch; event: NewLeadEvent } | null> {
  const policy = await matchSlaPolicy(tx, tenantId, facts);
  if (!policy) return null;
  const cal = await calendarOf(tx, policy);
  const due = firstResponseDue(policy.targets, cal, now);
  const warn = warningAt(policy.targets, cal, now);
  return {
    patch: {
      slaPolicyId: policy.id,
      slaPhase: 'first_response',
      slaState: 'running',
      slaDueAt: due,
      slaWarnAt: warn,
      slaNextCheckAt: warn ?? due,
      slaPauses: [],
    },
    event: {
      tenantId,
      leadId,
      type: 'lead.sla_started',
      data: { policyId: policy.id, policy: policy.name, dueAt: due.toISOString(), warnAt: warn?.toISOString() ?? null },
      actor: 'system',
      occurredAt: now,
    },
  };
}

/** Starts the first-response clock of a stored lead (one promoted from the waitlist). */
export async function startSlaClock(tx: Database, lead: LeadRow, facts: LeadFacts, now: Date): Promise<void> {
  const start = await slaStart(tx, lead.tenantId, lead.id, facts, now);
  if (!start) return;
  await update(tx, lead, start.patch);
  await appendLeadEvents(tx, [start.event]);
}

/**
 * A response stops the clock: met when it came by the due time (to the second), breached after.
 * With a follow-up target the clock starts again for the next touch.
 */
export async function recordSlaResponse(tx: Database, lead: LeadRow, at: Date, now: Date): Promise<void> {
  if (!lead.slaPolicyId || !lead.slaState) return;
  const policy = await findSlaPolicy(tx, lead.tenantId, lead.slaPolicyId);
  if (!policy) return;
  const cal = await calendarOf(tx, policy);
  const patch: LeadPatch = {};
  const late = isBreached(lead.slaDueAt, at, now);
  if (lead.slaState === 'running' || lead.slaState === 'paused') {
    patch.slaState = late ? 'breached' : 'met';
    if (late) patch.slaBreachedAt = lead.slaDueAt;
  }
  if (lead.slaPhase === 'first_response') {
    const times = responseTimes(cal ?? ALWAYS_OPEN, {
      createdAt: lead.createdAt,
      assignedAt: lead.assignedAt,
      notifiedAt: lead.notifiedAt,
      firstResponseAt: at,
      pauses: toPauses(lead.slaPauses),
    });
    patch.firstResponseBusinessMinutes = times.businessMinutes;
    patch.firstResponseMet = !late;
    patch.firstResponseCalendarMinutes = times.calendarMinutes;
  }
  const next = policy.targets.followUpMinutes ? followUpDue(policy.targets, cal, at) : null;
  const warn = next ? followUpWarningAt(policy.targets, cal, at) : null;
  if (next)
    Object.assign(patch, {
      slaPhase: 'follow_up',
      slaState: 'running',
      slaDueAt: next,
      slaWarnAt: warn,
      slaNextCheckAt: warn ?? next,
      slaPauses: [],
    });
  else patch.slaNextCheckAt = null;
  await update(tx, lead, patch);
  if (late && (lead.slaState === 'running' || lead.slaState === 'paused')) {
    await appendLeadEvents(tx, [
      {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: 'lead.sla_breached',
        data: { phase: lead.slaPhase, dueAt: lead.slaDueAt!.toISOString(), answeredAt: at.toISOString() },
        actor: 'system',
        occurredAt: now,
      },
    ]);
  }
}

/**
 * A stage the policy pauses on stops the clock; leaving it resumes with the time that was left
 * (in the policy's clock) still to run, as Zendesk's pausable SLAs do.
 */
export async function applySlaStage(tx: Database, lead: LeadRow, stage: string, now: Date): Promise<void> {
  if (!lead.slaPolicyId || (lead.slaState !== 'running' && lead.slaState !== 'paused')) return;
  const policy = await findSlaPolicy(tx, lead.tenantId, lead.slaPolicyId);
  if (!policy) return;
  const pausing = policy.pauseStages.includes(stage);
  const clock = (await calendarOf(tx, policy)) ?? ALWAYS_OPEN;
  const left = (until: Date | null) =>
    until && until > now ? businessMinutesBetween(clock, now, until) : until ? 0 : null;
  if (pausing && lead.slaState === 'running') {
    const pause: StoredPause = {
      from: now.toISOString(),
      to: null,
      dueInMinutes: left(lead.slaDueAt),
      warnInMinutes: left(lead.slaWarnAt),
    };
    await update(tx, lead, { slaState: 'paused', slaNextCheckAt: null, slaPauses: [...lead.slaPauses, pause] });
    await appendLeadEvents(tx, [
      {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: 'lead.sla_paused',
        data: { stage },
        actor: 'system',
        occurredAt: now,
      },
    ]);
  } else if (!pausing && lead.slaState === 'paused') {
    const open = lead.slaPauses.at(-1);
    const due = open?.dueInMinutes != null ? addBusinessMinutes(clock, now, open.dueInMinutes) : lead.slaDueAt;
    const warn =
      open?.warnInMinutes != null && open.warnInMinutes > 0 ? addBusinessMinutes(clock, now, open.warnInMinutes) : null;
    const pauses = lead.slaPauses.map((p) => (p.to ? p : { ...p, to: now.toISOString() }));
    await update(tx, lead, {
      slaState: 'running',
      slaPauses: pauses,
      slaDueAt: due,
      slaWarnAt: warn,
      slaNextCheckAt: warn ?? due,
    });
    await appendLeadEvents(tx, [
      {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: 'lead.sla_resumed',
        data: { stage, dueAt: due?.toISOString() ?? null },
        actor: 'system',
        occurredAt: now,
      },
    ]);
  }
}

/** A closed lead needs no more checks; its met or breached state stays for the reports. */
export async function stopSlaClock(tx: Database, lead: LeadRow): Promise<void> {
  if (lead.slaNextCheckAt) await update(tx, lead, { slaNextCheckAt: null });
}
