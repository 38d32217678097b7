/**
 * Where a lead stands against its SLA at an instant, in the inbox's words. Exactly one state per
 * lead, so the dashboard's filter and badge agree:
 * - `running`: the clock runs, the warning has not come yet;
 * - `due_soon`: unanswered, inside the policy's warning window (warning time reached, not yet due);
 * - `overdue`: unanswered and past due, the lead still open (whether or not the sweep has already
 *   marked it breached);
 * - `paused`: a pausing stage holds the clock;
 * - `stopped`: the lead closed while its clock ran;
 * - `met`: answered by the due time;
 * - `breached`: missed, and since answered late or closed.
 * The lead list's `sla` filter (db/queries/lead-filters.ts) states the same in SQL.
 */
import type { LeadStatus } from './lead-lifecycle';

export const SLA_VIEW_STATES = ['running', 'due_soon', 'overdue', 'paused', 'stopped', 'met', 'breached'] as const;
export type SlaViewState = (typeof SLA_VIEW_STATES)[number];

/** The states the lead list filters by. */
export const SLA_FILTERS = ['due_soon', 'overdue', 'met', 'breached'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

export interface SlaClockFacts {
  status: LeadStatus;
  slaPolicyId: string | null;
  slaPhase: 'first_response' | 'follow_up' | null;
  slaState: 'running' | 'paused' | 'met' | 'breached' | null;
  slaDueAt: Date | null;
  slaWarnAt: Date | null;
  firstResponseAt: Date | null;
}

/** The clock waits for an answer: a follow-up is pending, or the first response has not come. */
const awaitingAnswer = (l: SlaClockFacts) => l.slaPhase === 'follow_up' || l.firstResponseAt === null;

/**
 * @example slaViewState({ status: 'open', slaState: 'running', slaDueAt: past, ... }, now) // 'overdue'
 */
export function slaViewState(l: SlaClockFacts, now: Date): SlaViewState | null {
  if (!l.slaPolicyId || !l.slaState) return null;
  const open = l.status === 'open';
  const pastDue = l.slaDueAt !== null && l.slaDueAt.getTime() <= now.getTime();
  if (open && (l.slaState === 'running' || l.slaState === 'breached') && pastDue && awaitingAnswer(l)) return 'overdue';
  if (l.slaState === 'met' || l.slaState === 'breached') return l.slaState;
  if (!open) return 'stopped';
  if (l.slaState === 'paused') return 'paused';
  return l.slaWarnAt !== null && l.slaWarnAt.getTime() <= now.getTime() ? 'due_soon' : 'running';
}
