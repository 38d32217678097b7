/** The SLA clock of a lead, kept on its row (leads.ts spreads these columns in). */
import { boolean, doublePrecision, jsonb, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

export const SLA_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface StoredPause {
  from: string;
  to: string | null;
  /** Clock minutes that were left until the due time and the warning when the pause began. */
  dueInMinutes?: number | null;
  warnInMinutes?: number | null;
}

export const slaColumns = {
  slaPolicyId: text('sla_policy_id'),
  /** `first_response` until the first response, then `follow_up` when the policy has a follow-up target. */
  slaPhase: text('sla_phase', { enum: ['first_response', 'follow_up'] }),
  slaState: text('sla_state', { enum: SLA_STATES }),
  slaDueAt: ts('sla_due_at'),
  slaWarnAt: ts('sla_warn_at'),
  /** The next instant the sweep must look at this lead (warning or due); null when nothing is pending. */
  slaNextCheckAt: ts('sla_next_check_at'),
  slaBreachedAt: ts('sla_breached_at'),
  slaPauses: jsonb('sla_pauses').$type<StoredPause[]>().notNull().default([]),
  /** Time to first response, measured on the policy's clock and in plain calendar minutes. */
  firstResponseBusinessMinutes: doublePrecision('first_response_business_minutes'),
  /** Whether the first response came by its due time (null until answered). */
  firstResponseMet: boolean('first_response_met'),
  firstResponseCalendarMinutes: doublePrecision('first_response_calendar_minutes'),
};
