import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { demoFlag, tenantId, timestamps } from './columns';

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** Slack incoming webhook of the team's channel: assignments and escalations are posted there. */
    slackWebhookUrl: text('slack_webhook_url'),
    ...demoFlag,
    /** The team's shared inbox: SLA escalations that notify the team are emailed there too. */
    email: text('email'),
    ...timestamps,
  },
  (t) => [index('teams_tenant_idx').on(t.tenantId, t.id)],
);
