import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RoutingAction } from '../../domain/routing';
import { ts } from './columns';

/** A workspace: also better-auth's `organization` model (slug, logo and metadata are its columns). */
export const tenants = pgTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /**
     * Unique handle better-auth's organizations need. Tenants made outside it (admin, demo) get one
     * from their id (queries/tenants.ts); the migration gave existing tenants theirs the same way.
     */
    slug: text('slug')
      .notNull()
      .$defaultFn(() => `ws-${crypto.randomUUID().slice(0, 18)}`),
    logo: text('logo'),
    /** better-auth stores organization metadata as a JSON string. */
    metadata: text('metadata'),
    /** IANA zone for windows and reports that speak of "a day". */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Where a lead goes when no routing rule matches; null leaves it unassigned. */
    routingFallback: jsonb('routing_fallback').$type<RoutingAction>(),
    /** Bumped with every change to rules or fallback, so compiled rules can be cached per version. */
    routingVersion: integer('routing_version').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenants_slug_idx').on(t.slug)],
);
