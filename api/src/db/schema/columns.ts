/** Column mixins every tenant-owned table shares. */
import { text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

export const timestamps = {
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};
