/**
 * The reps a routing step chooses from, as the I/O layer hands them over: loaded for one team and
 * annotated with what only it can know (working hours in the rep's zone, out-of-office periods,
 * see business-hours/). Inactivity and the open-lead maximum are read from the fields here.
 */

export const SKIP_REASONS = [
  'inactive',
  'out_of_office',
  'outside_working_hours',
  'at_capacity',
  /** SLA-aware routing: the rep's shift ends before the lead's due time, and someone's does not. */
  'ends_before_due',
  /** SLA-aware routing: nobody covers the due time, and another rep can answer sooner. */
  'answers_later',
] as const;
/** Why a rep was passed over; recorded in the lead's routing event. */
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface RepCandidate {
  id: string;
  /** Place in the team's rotation; ties broken by id. */
  position: number;
  /** For weighted round robin: a whole number, 0 excludes the rep from that strategy. */
  weight: number;
  active: boolean;
  /** Leads currently assigned to the rep and not closed. */
  openLeads: number;
  /** The most open leads the rep takes; null for no limit. */
  maxOpenLeads: number | null;
  /** Set by the availability check: `outside_working_hours` or `out_of_office` (any reason is kept). */
  skipReason?: SkipReason | null;
}

/**
 * Why a rep cannot take a lead now, or null when available. Inactive wins over everything (it is
 * the most lasting), then the annotated reason, then the open-lead maximum.
 * @example skipReasonOf({ ...rep, openLeads: 10, maxOpenLeads: 10 }) // 'at_capacity'
 */
export function skipReasonOf(rep: RepCandidate): SkipReason | null {
  if (!rep.active) return 'inactive';
  if (rep.skipReason) return rep.skipReason;
  if (rep.maxOpenLeads !== null && rep.openLeads >= rep.maxOpenLeads) return 'at_capacity';
  return null;
}

/** What happened to one rep in a routing step. */
export interface ConsideredRep {
  repId: string;
  /**
   * `available`: eligible, but the strategy chose another rep. `not_found`: a named rep that was not
   * among the candidates handed over (deleted, or moved to another team).
   */
  outcome: 'chosen' | 'available' | 'not_found' | SkipReason;
}
