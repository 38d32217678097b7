import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { tenants } from './tenants';

/**
 * Transactional outbox: a message is written in the same transaction as the change it announces,
 * so a crash can never leave a lead without its notifications. Delivery happens after commit.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /**
     * The workspace the message belongs to. Null only for account email (a password reset belongs to
     * a person, not to a workspace): see the check below.
     */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    /** Event type, e.g. `lead.created`, `lead.assigned`; `mail.<kind>` for an email (mail/index.ts). */
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** A Slack incoming webhook to post this message to, besides the tenant's subscribed webhook endpoints. */
    slackUrl: text('slack_url'),
    createdAt: ts('created_at').notNull(),
    /** Set once the message has been fanned out into deliveries. */
    dispatchedAt: ts('dispatched_at'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.createdAt).where(sql`dispatched_at IS NULL`),
    check('outbox_tenant_unless_mail', sql`${t.tenantId} IS NOT NULL OR ${t.topic} LIKE 'mail.%'`),
    // The local mailbox lists email newest first.
    index('outbox_mail_idx').on(t.createdAt).where(sql`topic LIKE 'mail.%'`),
  ],
);
