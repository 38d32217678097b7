import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tenantId, timestamps, ts } from './columns';

/** A customer's HTTPS receiver of signed event webhooks (Standard Webhooks). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types, `family.*`, or `["*"]` (see domain/webhook-topics.ts). */
    topics: jsonb('topics').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Why Inlet stopped delivering by itself (`gone`: the receiver answered 410); cleared when re-enabled. */
    disabledReason: text('disabled_reason'),
    /**
     * `whsec_…`. Kept readable (not hashed) because the customer may read it again and we sign with it;
     * it only proves a message came from Inlet, it grants no access to Inlet.
     */
    secret: text('secret').notNull(),
    /** The secret before the last rotation: messages are signed with both until it expires. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: ts('previous_secret_expires_at'),
    ...timestamps,
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.id)],
);
