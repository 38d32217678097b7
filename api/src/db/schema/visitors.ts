import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns';

/** A browser, identified by the random id the widget keeps in first-party storage. */
export const visitors = pgTable(
  'visitors',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
