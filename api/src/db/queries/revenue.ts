/** The money ledger of leads (revenue_events), in integer minor units per currency. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { RevenueKind } from '../../domain/revenue';
import type { Database } from '../database';
import { leads, revenueEvents } from '../schema';

export type RevenueRow = typeof revenueEvents.$inferSelect;

export interface RevenueEntry {
  tenantId: string;
  leadId: string;
  kind: RevenueKind;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
  origin: 'api' | 'lead_event' | 'stripe';
  externalId?: string | null;
}

/**
 * Inserts the entry unless one with its external id exists; answers the stored row and whether it
 * is new. ON CONFLICT, so two identical calls at once record it once.
 */
export async function insertRevenueEntry(
  db: Database,
  e: RevenueEntry,
  now: Date,
): Promise<{ row: RevenueRow; created: boolean }> {
  const [row] = await db
    .insert(revenueEvents)
    .values({ ...e, externalId: e.externalId ?? null, id: newId('revenue', now), createdAt: now })
    .onConflictDoNothing({ target: [revenueEvents.tenantId, revenueEvents.externalId] })
    .returning();
  if (row) return { row, created: true };
  const [existing] = await db
    .select()
    .from(revenueEvents)
    .where(and(eq(revenueEvents.tenantId, e.tenantId), eq(revenueEvents.externalId, e.externalId!)))
    .limit(1);
  return { row: existing!, created: false };
}

/** The most recent lead with this email created before `before` (a payment credits who was there then). */
export async function latestLeadByEmail(db: Database, tenantId: string, email: string, before: Date) {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        eq(leads.email, email.toLowerCase()),
        lt(leads.createdAt, before),
        sql`${leads.status} <> 'spam'`,
      ),
    )
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(1);
  return row?.id ?? null;
}
