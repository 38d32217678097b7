/**
 * Retention feedback: which acquisition sources bring customers who stay. Pure rules of the
 * retention report and the source quality score (net revenue per lead after refunds and churn).
 */
export const SCORE_DIMENSIONS = ['source', 'campaign', 'channel'] as const;
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number];

/** Days after winning at which a customer's staying is measured. */
export const RETENTION_DAYS = [30, 90, 180] as const;

/** The window of leads a score looks back over. */
export const SCORE_WINDOW_DAYS = 365;
/** Scores are recomputed at least this often. */
export const SCORE_INTERVAL_MS = 86_400_000;

/**
 * Share of a cohort still active `days` after winning: over the customers won at least that long
 * ago (younger ones are not decided yet); null when none is.
 * @example activeShare([{ wonAt, churnedAt: null }], 30, now)
 */
export function activeShare(
  customers: readonly { wonAt: Date; churnedAt: Date | null }[],
  days: number,
  now: Date,
): number | null {
  const horizon = days * 86_400_000;
  const mature = customers.filter((c) => c.wonAt.getTime() + horizon <= now.getTime());
  if (mature.length === 0) return null;
  const active = mature.filter((c) => !c.churnedAt || c.churnedAt.getTime() > c.wonAt.getTime() + horizon);
  return active.length / mature.length;
}

/** Net revenue per lead in minor units; 0 leads score null. */
export const qualityScore = (netMinor: number, leads: number): number | null => (leads === 0 ? null : netMinor / leads);
