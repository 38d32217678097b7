import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Condition } from '../../domain/conditions';
import type { SlaTargets } from '../../domain/sla';
import { demoFlag, tenantId, timestamps } from './columns';

/** What happens when a lead's response is late (and, with warnings, before). */
export interface SlaEscalation {
  /** Post to the owner (rep's Slack, else the team's) and the `lead.sla_breached` webhook. */
  notifyOwner: boolean;
  /** Post to the team's channel as well (managers watch it). */
  notifyTeam: boolean;
  /** Route the lead again, away from its owner, to the next available rep. */
  reassign: boolean;
}

export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** Tried in ascending order; the first enabled policy whose condition holds applies. */
    position: integer('position').notNull(),
    condition: jsonb('condition').$type<Condition>().notNull(),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    /** Required when targets are in business time. */
    calendarId: text('calendar_id'),
    escalation: jsonb('escalation').$type<SlaEscalation>().notNull(),
    /** Pipeline stages during which the clock stands still (e.g. `waiting_on_customer`). */
    pauseStages: jsonb('pause_stages').$type<string[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    ...demoFlag,
    ...timestamps,
  },
  (t) => [index('sla_policies_tenant_idx').on(t.tenantId, t.position)],
);
