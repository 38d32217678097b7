import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { outbox } from './outbox';
import { tenants } from './tenants';
import { webhookEndpoints } from './webhook-endpoints';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One outbox message on its way to one destination: a webhook endpoint, a Slack incoming webhook or
 * an email recipient.
 * A pending row is due at `next_attempt_at`; claiming it pushes that time out by a lease (see
 * jobs/delivery-attempts.ts), so concurrent ticks never send the same delivery at the same time.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    /** The message's workspace; null only for account email, as on the message. */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    /** Deleting an endpoint drops what was still on its way there. */
    endpointId: text('endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    slackUrl: text('slack_url'),
    /** An email's recipient: sent through the mail provider, or caught locally when none is configured. */
    mailTo: text('mail_to'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastAttemptAt: ts('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    /** What went wrong last time (a response snippet, a timeout, a refused target), truncated. */
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    check('deliveries_one_destination', sql`num_nonnulls(${t.endpointId}, ${t.slackUrl}, ${t.mailTo}) = 1`),
    check('deliveries_tenant_unless_mail', sql`${t.tenantId} IS NOT NULL OR ${t.mailTo} IS NOT NULL`),
    uniqueIndex('deliveries_message_endpoint_idx').on(t.messageId, t.endpointId),
    uniqueIndex('deliveries_message_slack_idx').on(t.messageId).where(sql`endpoint_id IS NULL`),
    index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('deliveries_endpoint_idx').on(t.endpointId),
  ],
);
