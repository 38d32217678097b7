import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { AvailabilityState, CapacityPolicy } from '../../domain/capacity';
import { demoFlag, tenantId, timestamps } from './columns';
import { forms } from './forms';

/**
 * A capacity gate: a window limit, team-derived capacity, a schedule, and what happens when full.
 * It gates one form or several (`capacity_policy_forms`); a team's policy lists the forms that feed
 * the team, and their submissions share its window limit.
 */
export const capacityPolicies = pgTable(
  'capacity_policies',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** The team whose remaining open-lead capacity limits the forms (with `policy.teamDerived`). */
    teamId: text('team_id'),
    policy: jsonb('policy').$type<CapacityPolicy>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** The availability last announced (closed / reopened notifications fire on a change). */
    lastState: text('last_state').$type<AvailabilityState>().notNull().default('open'),
    ...demoFlag,
    ...timestamps,
  },
  (t) => [index('capacity_policies_tenant_idx').on(t.tenantId, t.id)],
);

/** The forms a policy gates. A form is gated by at most one policy (the primary key). */
export const capacityPolicyForms = pgTable(
  'capacity_policy_forms',
  {
    formId: text('form_id')
      .primaryKey()
      .references(() => forms.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    policyId: text('policy_id')
      .notNull()
      .references(() => capacityPolicies.id, { onDelete: 'cascade' }),
  },
  (t) => [index('capacity_policy_forms_policy_idx').on(t.policyId)],
);

/**
 * Leads accepted per policy and window. Taken with one conditional upsert (`used < limit`), so
 * concurrent submissions can never take more than the limit between them.
 */
export const capacityUsage = pgTable(
  'capacity_usage',
  {
    tenantId: tenantId(),
    policyId: text('policy_id').notNull(),
    windowKey: text('window_key').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.windowKey] })],
);

/** Form views the widget's config request counts, by local day, availability shown, and source. */
export const formViews = pgTable(
  'form_views',
  {
    tenantId: tenantId(),
    formId: text('form_id').notNull(),
    day: text('day').notNull(),
    state: text('state').$type<AvailabilityState>().notNull(),
    channel: text('channel').notNull(),
    campaign: text('campaign').notNull().default(''),
    views: integer('views').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.day, t.state, t.channel, t.campaign] }),
    index('form_views_tenant_idx').on(t.tenantId, t.formId, t.day),
  ],
);

/**
 * Who has been counted as a view of a form on a local day: a view counts once per visitor, form and
 * day, so reloads and loops of requests add nothing. `visitor` is the widget's visitor id, or for a
 * read without one a hash of the client's address group (the address itself is never stored).
 */
export const formViewVisitors = pgTable(
  'form_view_visitors',
  {
    tenantId: tenantId(),
    formId: text('form_id').notNull(),
    day: text('day').notNull(),
    visitor: text('visitor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.day, t.visitor] })],
);
