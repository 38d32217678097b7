import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { BusinessCalendar } from '../../domain/business-hours';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { businessCalendars } from '../schema';

export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;

export interface BusinessCalendarInput {
  name: string;
  calendar: BusinessCalendar;
}

export async function insertBusinessCalendar(
  db: Database,
  tenantId: string,
  input: BusinessCalendarInput,
  now: Date,
): Promise<BusinessCalendarRow> {
  const [row] = await db
    .insert(businessCalendars)
    .values({
      id: newId('calendar', now),
      tenantId,
      name: input.name,
      calendar: input.calendar,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A calendar of this tenant, or null (another tenant's calendar is null too). */
export async function findBusinessCalendar(
  db: Database,
  tenantId: string,
  id: string,
): Promise<BusinessCalendarRow | null> {
  const [row] = await db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, tenantId), eq(businessCalendars.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listBusinessCalendars(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(businessCalendars)
    .where(
      and(eq(businessCalendars.tenantId, tenantId), page.cursor ? lt(businessCalendars.id, page.cursor) : undefined),
    )
    .orderBy(desc(businessCalendars.id))
    .limit(page.limit + 1);
}

export async function updateBusinessCalendar(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<BusinessCalendarInput>,
  now: Date,
) {
  const [row] = await db
    .update(businessCalendars)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(businessCalendars.tenantId, tenantId), eq(businessCalendars.id, id)))
    .returning();
  return row ?? null;
}

/**
 * Which of `ids` are this tenant's calendars, locked for the rest of the transaction. An SLA policy
 * naming one takes `key share`; deleting one takes `update` first, so a policy cannot start using a
 * calendar while it is being deleted (the same scheme as teams).
 */
export async function lockBusinessCalendars(
  db: Database,
  tenantId: string,
  ids: string[],
  mode: 'key share' | 'update',
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, tenantId), inArray(businessCalendars.id, ids)))
    .for(mode);
  return new Set(rows.map((r) => r.id));
}

export async function deleteBusinessCalendar(db: Database, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(businessCalendars)
    .where(and(eq(businessCalendars.tenantId, tenantId), eq(businessCalendars.id, id)))
    .returning({ id: businessCalendars.id });
  return rows.length > 0;
}
