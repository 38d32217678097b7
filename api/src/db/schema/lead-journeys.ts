import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantId } from './columns';
import { leads } from './leads';

/**
 * A lead's attribution journey, computed once when its touches are written rather than on every report:
 * the touches at or before the conversion (the lead's creation), in the order the models credit them
 * (position, then id), one array per report grouping, and each touch's age before the conversion.
 * The attribution report scans this narrow table (one row a lead) instead of ranking the touchpoints.
 *
 * Database triggers keep it (migrations/0018_attribution_journeys.sql): every writer of touchpoints,
 * the submission path, bulk imports, the demo seed and SQL loads alike, gets it right without knowing of it.
 */
export const leadJourneys = pgTable('lead_journeys', {
  leadId: text('lead_id')
    .primaryKey()
    .references(() => leads.id, { onDelete: 'cascade' }),
  tenantId: tenantId(),
  channels: text('channels').array().notNull(),
  sources: text('sources').array().notNull(),
  mediums: text('mediums').array().notNull(),
  campaigns: text('campaigns').array().notNull(),
  landingPages: text('landing_pages').array().notNull(),
  /** Milliseconds from each touch to the conversion (time decay's 2^(−age/half-life) is taken in the report). */
  agesMs: doublePrecision('ages_ms').array().notNull(),
});
