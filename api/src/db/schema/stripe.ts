import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { StripeFact } from '../../domain/stripe-events';
import { tenantId, ts } from './columns';
import { leads } from './leads';

/**
 * A workspace's own Stripe account, connected by the signing secret of the webhook endpoint it made
 * in Stripe. The secret verifies what arrives and is never answered back; it is stored sealed
 * (AES-GCM, domain/secret-box.ts), never in the clear.
 */
export const stripeConnections = pgTable(
  'stripe_connections',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    signingSecret: text('signing_secret').notNull(),
    lastEventAt: ts('last_event_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // One connection per workspace: connecting again rotates the secret and keeps the endpoint URL.
  (t) => [uniqueIndex('stripe_connections_tenant_idx').on(t.tenantId)],
);

/** A Stripe customer is a lead: later events (a deleted subscription) carry only the customer id. */
export const stripeCustomers = pgTable(
  'stripe_customers',
  {
    tenantId: tenantId(),
    customerId: text('customer_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] }), index('stripe_customers_lead_idx').on(t.leadId)],
);

/**
 * Every Stripe event of a known type, once per event id: what it means (`fact`), and whether it is
 * applied to a lead's ledger, waiting (no lead matches its customer yet, or a churn before the win),
 * or ignored (a lead that cannot take it).
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    tenantId: tenantId(),
    eventId: text('event_id').notNull(),
    connectionId: text('connection_id'),
    type: text('type').notNull(),
    customerId: text('customer_id'),
    email: text('email'),
    fact: jsonb('fact').$type<StripeFact>().notNull(),
    /** When it happened in Stripe (the object's time, else the event's `created`). */
    occurredAt: ts('occurred_at').notNull(),
    status: text('status', { enum: ['applied', 'pending', 'ignored'] }).notNull(),
    leadId: text('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    note: text('note'),
    receivedAt: ts('received_at').notNull(),
    appliedAt: ts('applied_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId] }),
    index('stripe_events_pending_customer_idx').on(t.tenantId, t.customerId).where(sql`status = 'pending'`),
    index('stripe_events_pending_email_idx').on(t.tenantId, t.email).where(sql`status = 'pending'`),
  ],
);
