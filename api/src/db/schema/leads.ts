import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { FieldValue } from '../../domain/lead-facts';
import { LEAD_STATUSES } from '../../domain/lead-lifecycle';
import type { StoredTouch } from './touchpoints';
import { demoFlag, tenantId, timestamps, ts } from './columns';
import { forms } from './forms';
import { slaColumns } from './lead-sla';

// The domain owns the vocabulary; re-exported so the schema's users keep one import.
export { LEAD_STATUSES, type LeadStatus } from '../../domain/lead-lifecycle';

export const leads = pgTable(
  'leads',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    formId: text('form_id')
      .notNull()
      .references(() => forms.id),
    visitorId: text('visitor_id'),
    values: jsonb('values').$type<Record<string, FieldValue>>().notNull(),
    status: text('status', { enum: LEAD_STATUSES }).notNull(),
    /** The gate's decision at intake, kept when the status moves on (reports count demand by it). */
    intake: text('intake', { enum: ['accepted', 'waitlisted', 'spam'] })
      .notNull()
      .default('accepted'),
    /** Denormalised first and last touch so lists and filters need no join. */
    firstTouch: jsonb('first_touch').$type<StoredTouch>(),
    lastTouch: jsonb('last_touch').$type<StoredTouch>(),
    firstChannel: text('first_channel'),
    lastChannel: text('last_channel'),
    /** Lower-cased address and domain of the lead's email field: owner matching looks leads up by them. */
    email: text('email'),
    emailDomain: text('email_domain'),
    teamId: text('team_id'),
    ownerRepId: text('owner_rep_id'),
    assignedAt: ts('assigned_at'),
    /** The key of the lead's pipeline stage (one of the workspace's `pipeline_stages`). */
    stage: text('stage'),
    /** When the lead entered its current stage; a stay lasts until the next move. */
    stageEnteredAt: ts('stage_entered_at'),
    /** When the stall check must look at the lead (end of the stage's stall limit); null once flagged. */
    stallCheckAt: ts('stall_check_at'),
    /** When the current stay was flagged stalled (null: not stalled in this stage). */
    stalledAt: ts('stalled_at'),
    /** When the first response was recorded (`contacted`): it stops the SLA clock. */
    firstResponseAt: ts('first_response_at'),
    closedAt: ts('closed_at'),
    /** Revenue of a won lead in the currency's minor units (ISO 4217 exponent) and its ISO currency. */
    wonAmountMinor: bigint('won_amount_minor', { mode: 'number' }),
    currency: text('currency'),
    /** When the owner (or team) was first told of the lead: the end of Inlet's own delay. */
    notifiedAt: ts('notified_at'),
    ...demoFlag,
    ...slaColumns,
    ...timestamps,
  },
  (t) => [
    index('leads_tenant_id_idx').on(t.tenantId, t.id),
    index('leads_tenant_form_idx').on(t.tenantId, t.formId, t.id),
    index('leads_tenant_channel_idx').on(t.tenantId, t.firstChannel, t.id),
    index('leads_tenant_domain_idx').on(t.tenantId, t.emailDomain),
    index('leads_tenant_email_idx').on(t.tenantId, t.email),
    index('leads_tenant_owner_idx').on(t.tenantId, t.ownerRepId, t.status),
    // The inbox's SLA filters (due soon, overdue, met, breached) read by state and due time.
    index('leads_tenant_sla_idx').on(t.tenantId, t.slaState, t.slaDueAt),
    // The SLA sweep reads only leads whose next check is due: its cost follows the due leads, not all open ones.
    index('leads_sla_check_idx').on(t.slaNextCheckAt).where(sql`sla_next_check_at IS NOT NULL`),
    // The stall check likewise reads only leads whose stall limit has come.
    index('leads_stall_check_idx').on(t.stallCheckAt).where(sql`stall_check_at IS NOT NULL`),
  ],
);
