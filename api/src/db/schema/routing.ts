import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { Condition } from '../../domain/conditions';
import type { RoutingAction } from '../../domain/routing';
import { demoFlag, tenantId, timestamps } from './columns';

export const routingRules = pgTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    condition: jsonb('condition').$type<Condition>().notNull(),
    action: jsonb('action').$type<RoutingAction>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    ...demoFlag,
    ...timestamps,
  },
  (t) => [index('routing_rules_tenant_idx').on(t.tenantId, t.position)],
);

/**
 * Rotation counters, one per team and strategy (see domain/routing/plan.ts counterKey). Incremented
 * with UPDATE … RETURNING inside the submission transaction: the row lock hands out each number to
 * exactly one lead, which is what makes round robin exact under concurrency.
 */
export const routingCounters = pgTable(
  'routing_counters',
  {
    tenantId: tenantId(),
    key: text('key').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);
