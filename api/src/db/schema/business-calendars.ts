import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { BusinessCalendar } from '../../domain/business-hours';
import { demoFlag, tenantId, timestamps } from './columns';

/** Named business-hours calendars (`/v1/business-hours`) that SLA policies measure time against. */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    calendar: jsonb('calendar').$type<BusinessCalendar>().notNull(),
    ...demoFlag,
    ...timestamps,
  },
  (t) => [index('business_calendars_tenant_idx').on(t.tenantId, t.id)],
);
