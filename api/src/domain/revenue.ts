/**
 * A lead's money ledger. `deal` is the amount recorded with `won`; `payment` and `refund` come later
 * (the API, Stripe); `churn` is the revenue lost when a customer churns. Net = deal + payments −
 * refunds; churned revenue is reported beside it, dated.
 */
export const REVENUE_KINDS = ['deal', 'payment', 'refund', 'churn'] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

/** What an entry adds to revenue (deal, payment), refunds, or churned revenue. */
export function ledgerColumn(kind: RevenueKind): 'revenue' | 'refunds' | 'churned' {
  return kind === 'refund' ? 'refunds' : kind === 'churn' ? 'churned' : 'revenue';
}
