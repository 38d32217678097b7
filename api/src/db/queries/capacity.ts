/** Capacity state the gate reads and takes: the form's policy, window usage, team capacity. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { capacityPolicies, capacityPolicyForms, capacityUsage, reps } from '../schema';
import { policyColumns, type CapacityPolicyRow } from './capacity-policies';

export type { CapacityPolicyRow };

/** The enabled policy gating the form, or null. */
export async function formCapacityPolicy(
  db: Database,
  tenantId: string,
  formId: string,
): Promise<CapacityPolicyRow | null> {
  const [row] = await db
    .select(policyColumns)
    .from(capacityPolicyForms)
    .innerJoin(capacityPolicies, eq(capacityPolicies.id, capacityPolicyForms.policyId))
    .where(
      and(
        eq(capacityPolicyForms.tenantId, tenantId),
        eq(capacityPolicyForms.formId, formId),
        eq(capacityPolicies.enabled, true),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function enabledCapacityPolicies(db: Database): Promise<CapacityPolicyRow[]> {
  return db.select(policyColumns).from(capacityPolicies).where(eq(capacityPolicies.enabled, true));
}

export async function windowUsage(db: Database, policyId: string, windowKey: string): Promise<number> {
  const [row] = await db
    .select({ used: capacityUsage.used })
    .from(capacityUsage)
    .where(and(eq(capacityUsage.policyId, policyId), eq(capacityUsage.windowKey, windowKey)))
    .limit(1);
  return row?.used ?? 0;
}

/**
 * Takes one place in the window unless the limit is reached, in one statement: the upsert's row
 * lock makes concurrent takers wait, and the `used < limit` guard refuses the one too many.
 * Returns the new count, or null when full.
 */
export async function takeWindowPlace(
  db: Database,
  p: { tenantId: string; policyId: string; windowKey: string; limit: number },
): Promise<number | null> {
  if (p.limit <= 0) return null;
  const rows = await db
    .insert(capacityUsage)
    .values({ tenantId: p.tenantId, policyId: p.policyId, windowKey: p.windowKey, used: 1 })
    .onConflictDoUpdate({
      target: [capacityUsage.policyId, capacityUsage.windowKey],
      set: { used: sql`${capacityUsage.used} + 1` },
      setWhere: sql`${capacityUsage.used} < ${p.limit}`,
    })
    .returning({ used: capacityUsage.used });
  return rows[0]?.used ?? null;
}

/**
 * What the team can still take: the sum of each active rep's free open-lead slots (a rep without a
 * maximum makes it unlimited: null). With `lock`, the reps' rows stay locked until the transaction
 * ends, so concurrent submissions see each other's assignments and the team is never oversubscribed.
 */
export async function teamRemaining(
  db: Database,
  tenantId: string,
  teamId: string,
  lock: boolean,
): Promise<number | null> {
  const query = db
    .select({ max: reps.maxOpenLeads, open: reps.openLeads })
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.teamId, teamId), eq(reps.active, true)))
    .orderBy(reps.id);
  const rows = lock ? await query.for('update') : await query;
  let free = 0;
  for (const r of rows) {
    if (r.max === null) return null;
    free += Math.max(0, r.max - r.open);
  }
  return free;
}

export async function setAnnouncedState(
  db: Database,
  policyId: string,
  state: CapacityPolicyRow['lastState'],
  now: Date,
) {
  await db.update(capacityPolicies).set({ lastState: state, updatedAt: now }).where(eq(capacityPolicies.id, policyId));
}
