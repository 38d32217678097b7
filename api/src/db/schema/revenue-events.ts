import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { REVENUE_KINDS } from '../../domain/revenue';
import { tenantId, ts } from './columns';
import { leads } from './leads';

/**
 * The money ledger of a lead, in integer minor units: the won deal, later payments, refunds, churned
 * revenue. Reports sum it per currency; nothing is converted.
 */
export const revenueEvents = pgTable(
  'revenue_events',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REVENUE_KINDS }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    /** The caller's id of the payment (or Stripe's): the same id twice records it once. */
    externalId: text('external_id'),
    /** `api`, `lead_event` or `stripe`. */
    origin: text('origin').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('revenue_events_lead_idx').on(t.tenantId, t.leadId),
    uniqueIndex('revenue_events_external_idx').on(t.tenantId, t.externalId),
  ],
);
