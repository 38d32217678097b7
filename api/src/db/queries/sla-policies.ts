/** SLA policies as the API writes them (the clock reads them through queries/sla.ts). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Condition } from '../../domain/conditions';
import { newId } from '../../domain/ids';
import type { SlaTargets } from '../../domain/sla';
import type { Database } from '../database';
import { afterCursor, lastPlusOne } from './ordered';
import { slaPolicies, type SlaEscalation } from '../schema';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export interface SlaPolicyInput {
  name: string;
  position?: number;
  condition: Condition;
  targets: SlaTargets;
  calendarId: string | null;
  escalation: SlaEscalation;
  pauseStages: string[];
  enabled: boolean;
}

/**
 * Serialises changes to a tenant's SLA policies until commit, so two policies created at once get
 * distinct places at the end and a reorder sees every policy. A transaction-scoped advisory lock:
 * no row of another aggregate (the tenant's, which every lead insert references) is held.
 */
export async function lockSlaPolicyOrder(db: Database, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sla_policies:${tenantId}`}, 0))`);
}

export async function insertSlaPolicy(
  db: Database,
  tenantId: string,
  input: SlaPolicyInput,
  now: Date,
): Promise<SlaPolicyRow> {
  const [row] = await db
    .insert(slaPolicies)
    .values({
      ...input,
      id: newId('slaPolicy', now),
      tenantId,
      position: input.position ?? lastPlusOne(slaPolicies, tenantId),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A policy of this tenant, or null (another tenant's policy is null too). */
export async function findSlaPolicy(db: Database, tenantId: string, id: string): Promise<SlaPolicyRow | null> {
  const [row] = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)))
    .limit(1);
  return row ?? null;
}

/** Policies in the order they are tried (position, then id); the cursor is `position.id` of the last one. */
export async function listSlaPolicies(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), afterCursor(slaPolicies, page.cursor)))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id))
    .limit(page.limit + 1);
}

export async function updateSlaPolicy(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<SlaPolicyInput>,
  now: Date,
) {
  const [row] = await db
    .update(slaPolicies)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteSlaPolicy(db: Database, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)))
    .returning({ id: slaPolicies.id });
  return rows.length > 0;
}

/** The policies that measure time against the calendar (at most `limit`, in order). */
export async function slaPoliciesUsingCalendar(db: Database, tenantId: string, calendarId: string, limit = 20) {
  return db
    .select({ id: slaPolicies.id, name: slaPolicies.name })
    .from(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.calendarId, calendarId)))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id))
    .limit(limit);
}
