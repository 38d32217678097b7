/** SLA policies and calendars as the clock needs them, and the sweep's claim of due leads. */
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Database } from '../database';
import { businessCalendars, leads, slaPolicies } from '../schema';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export async function enabledSlaPolicies(db: Database, tenantId: string): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.enabled, true)))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
}

export async function findSlaPolicy(db: Database, tenantId: string, id: string): Promise<SlaPolicyRow | null> {
  const [row] = await db.select().from(slaPolicies).where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id))).limit(1);
  return row ?? null;
}

export async function findCalendar(db: Database, tenantId: string, id: string) {
  const [row] = await db.select().from(businessCalendars).where(and(eq(businessCalendars.tenantId, tenantId), eq(businessCalendars.id, id))).limit(1);
  return row?.calendar ?? null;
}

/**
 * Leads whose warning or due time has come, oldest first, locked for this transaction. SKIP LOCKED:
 * a second sweep running at the same time takes other leads or none, never the same one.
 */
export async function claimDueLeads(tx: Database, now: Date, batch: number) {
  return tx
    .select()
    .from(leads)
    .where(and(isNotNull(leads.slaNextCheckAt), lte(leads.slaNextCheckAt, now)))
    .orderBy(asc(leads.slaNextCheckAt))
    .limit(batch)
    .for('update', { skipLocked: true });
}
