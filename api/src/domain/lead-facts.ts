/**
 * The facts about a lead that rules (routing, SLA policies, capacity) can look at.
 * Built once per lead from its stored parts; conditions read them through field paths
 * such as `values.company_size`, `firstTouch.source` or `email.isFree` (see conditions.ts).
 */
export const CHANNELS = [
  'paid_search',
  'paid_social',
  'organic_search',
  'organic_social',
  'email',
  'referral',
  'direct',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type FieldValue = string | number | boolean | null;

export interface TouchFacts {
  channel: Channel;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  landingPage: string | null;
  referrer: string | null;
}

export interface LeadFacts {
  formId: string;
  values: Record<string, FieldValue>;
  firstTouch: TouchFacts | null;
  lastTouch: TouchFacts | null;
  /** Derived from the first email-typed value. */
  email: { address: string | null; domain: string | null; isFree: boolean | null };
  /** ISO 3166-1 alpha-2, derived from a country field when the form has one. */
  country: string | null;
  /** Set once the lead is routed; SLA policies may match on it. */
  teamId: string | null;
  /**
   * Stored source quality scores of the first touch's source, campaign and channel (net revenue per
   * lead after churn, minor units); null where none is stored. Read at submission, never computed there.
   */
  quality?: { source: number | null; campaign: number | null; channel: number | null };
}
