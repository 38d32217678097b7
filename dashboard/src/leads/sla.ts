/**
 * A lead's SLA as the dashboard shows it. The list answers `sla` (issue 12: due time and state)
 * once the API has it; until then the lead page derives it from the lead's SLA events.
 */
import type { Lead, LeadDetail } from '../api';

export type SlaState = 'running' | 'due_soon' | 'overdue' | 'met' | 'breached' | 'paused' | 'none';
export interface LeadSla {
  state: SlaState;
  dueAt: string | null;
}

export const SLA_FILTERS: [string, string][] = [
  ['', 'Any'],
  ['due_soon', 'Due soon'],
  ['overdue', 'Overdue'],
  ['met', 'Met'],
  ['breached', 'Breached'],
];

export function slaOf(lead: Lead | LeadDetail, now = Date.now()): LeadSla {
  const given = (lead as { sla?: Partial<LeadSla> | null }).sla;
  if (given?.state) return { state: given.state, dueAt: given.dueAt ?? null };
  const events = 'events' in lead ? lead.events.filter((e) => e.type.startsWith('lead.sla_')) : [];
  const started = events.findLast((e) => e.type === 'lead.sla_started');
  const last = events.at(-1);
  if (!started) return { state: 'none', dueAt: null };
  const dueAt = typeof started.data.dueAt === 'string' ? started.data.dueAt : null;
  if (events.some((e) => e.type === 'lead.sla_breached')) return { state: 'breached', dueAt };
  if (lead.firstResponseAt) return { state: dueAt && lead.firstResponseAt > dueAt ? 'breached' : 'met', dueAt };
  if (last?.type === 'lead.sla_paused') return { state: 'paused', dueAt };
  if (dueAt && Date.parse(dueAt) < now) return { state: 'overdue', dueAt };
  const warnAt = typeof started.data.warnAt === 'string' ? Date.parse(started.data.warnAt) : null;
  return { state: warnAt !== null && warnAt <= now ? 'due_soon' : 'running', dueAt };
}

export const SLA_LABEL: Record<SlaState, string> = {
  running: 'On track',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  breached: 'Breached',
  paused: 'Paused',
  none: 'No policy',
};
