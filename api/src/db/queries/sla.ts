/** SLA policies and calendars as the clock needs them, and the sweep's claim of due leads. */
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Database } from '../database';
import { leads, slaPolicies } from '../schema';

import type { SlaPolicyRow } from './sla-policies';

export async function enabledSlaPolicies(db: Database, tenantId: string): Promise<SlaPolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.enabled, true)))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
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
