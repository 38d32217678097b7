import { pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone for windows and reports that speak of "a day". */
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
