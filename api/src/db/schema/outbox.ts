import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns';

/**
 * Transactional outbox: a message is written in the same transaction as the change it announces,
 * so a crash can never leave a lead without its notifications. Delivery happens after commit.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    /** Event type, e.g. `lead.created`, `lead.assigned`. */
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** A Slack incoming webhook to post this message to, besides the tenant's subscribed webhook endpoints. */
    slackUrl: text('slack_url'),
    createdAt: ts('created_at').notNull(),
    /** Set once the message has been fanned out into deliveries. */
    dispatchedAt: ts('dispatched_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.createdAt).where(sql`dispatched_at IS NULL`)],
);
