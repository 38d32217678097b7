import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { RoutingAction } from '../../domain/routing';
import { ts } from './columns';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone for windows and reports that speak of "a day". */
  timeZone: text('time_zone').notNull().default('UTC'),
  /** Where a lead goes when no routing rule matches; null leaves it unassigned. */
  routingFallback: jsonb('routing_fallback').$type<RoutingAction>(),
  /** Bumped with every change to rules or fallback, so compiled rules can be cached per version. */
  routingVersion: integer('routing_version').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});
