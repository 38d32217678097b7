import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Channel, TouchFacts } from '../../domain/lead-facts';
import { tenantId, ts } from './columns';

/** A touchpoint as stored in a lead's first/last-touch columns and answered by the API. */
export interface StoredTouch extends TouchFacts {
  occurredAt: string;
  clickIds: Record<string, string>;
}

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    /** Null for a touch recorded without a lead (a view of a closed form). */
    leadId: text('lead_id'),
    visitorId: text('visitor_id'),
    formId: text('form_id'),
    /** Demand a full form turned away: `refused` (a submission) or `refused_view` (a view of the closed form). */
    outcome: text('outcome'),
    /** Order among the lead's touches: 0 is the first touch. */
    position: integer('position').notNull().default(0),
    occurredAt: ts('occurred_at').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    source: text('source'),
    medium: text('medium'),
    campaign: text('campaign'),
    term: text('term'),
    content: text('content'),
    landingPage: text('landing_page'),
    referrer: text('referrer'),
    clickIds: jsonb('click_ids').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [
    index('touchpoints_lead_idx').on(t.tenantId, t.leadId, t.position),
    // The lead list's campaign filter: the leads with a touch from the campaign.
    index('touchpoints_campaign_idx').on(t.tenantId, t.campaign, t.leadId).where(sql`lead_id IS NOT NULL`),
    index('touchpoints_refused_idx').on(t.tenantId, t.formId, t.occurredAt).where(sql`outcome IS NOT NULL`),
  ],
);
