/** Column mixins every tenant-owned table shares. */
import { boolean, text, timestamp } from 'drizzle-orm/pg-core';
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

/**
 * Marks a row the demo seed wrote (api/src/local/demo*.ts): `DELETE /v1/demo-data`
 * (verbs/clear-demo-data.ts) removes exactly these and leaves what the customer made.
 */
export const demoFlag = { demo: boolean('demo').notNull().default(false) };
