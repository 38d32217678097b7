import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { BusinessCalendar } from '../../domain/business-hours';
import { demoFlag, tenantId, timestamps } from './columns';
import { teams } from './teams';

export interface OutOfOffice {
  from: string;
  to: string;
  note?: string;
}

/** A person's email notification preference: each as it happens, or none (a digest may come later). */
export const EMAIL_NOTIFICATIONS = ['immediate', 'off'] as const;
export type EmailNotifications = (typeof EMAIL_NOTIFICATIONS)[number];

export const reps = pgTable(
  'reps',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Place in the team's rotation (ties by id). */
    position: integer('position').notNull().default(0),
    /** Share for weighted round robin. */
    weight: integer('weight').notNull().default(1),
    active: boolean('active').notNull().default(true),
    /** Working hours in the rep's own zone; null means always available. */
    workingHours: jsonb('working_hours').$type<BusinessCalendar>(),
    outOfOffice: jsonb('out_of_office').$type<OutOfOffice[]>().notNull().default([]),
    /** The most open leads the rep takes; null for no limit. */
    maxOpenLeads: integer('max_open_leads'),
    /** Open leads assigned to the rep, kept in the same transactions that assign and close them. */
    openLeads: integer('open_leads').notNull().default(0),
    slackWebhookUrl: text('slack_webhook_url'),
    ...demoFlag,
    /** Whether the rep is emailed about their leads (assignments, SLA warnings and breaches). */
    emailNotifications: text('email_notifications', { enum: EMAIL_NOTIFICATIONS }).notNull().default('immediate'),
    ...timestamps,
  },
  (t) => [index('reps_tenant_team_idx').on(t.tenantId, t.teamId)],
);
