import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns';
import { leads } from './leads';

/** Append-only history of a lead; a trigger in the migrations refuses UPDATE and DELETE. */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** 'system', 'api_key:<id>' or 'user:<id>'. */
    actor: text('actor').notNull(),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [index('lead_events_lead_idx').on(t.tenantId, t.leadId, t.id)],
);
