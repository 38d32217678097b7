/** Capacity policies as the API writes them (the gate keeps its own queries for usage and state). */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { CapacityPolicy } from '../../domain/capacity';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { capacityPolicies } from '../schema';

export type CapacityPolicyRow = typeof capacityPolicies.$inferSelect;

export interface CapacityPolicyInput {
  name: string;
  formId: string;
  teamId: string | null;
  policy: CapacityPolicy;
  enabled: boolean;
}

/** The new policy, or null when the form already has one (one policy per form, a unique index). */
export async function insertCapacityPolicy(db: Database, tenantId: string, input: CapacityPolicyInput, now: Date): Promise<CapacityPolicyRow | null> {
  const [row] = await db
    .insert(capacityPolicies)
    .values({ ...input, id: newId('capacityPolicy', now), tenantId, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [capacityPolicies.tenantId, capacityPolicies.formId] })
    .returning();
  return row ?? null;
}

/** A policy of this tenant, or null (another tenant's policy is null too). */
export async function findCapacityPolicy(db: Database, tenantId: string, id: string): Promise<CapacityPolicyRow | null> {
  const [row] = await db
    .select()
    .from(capacityPolicies)
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findCapacityPolicyOfForm(db: Database, tenantId: string, formId: string): Promise<CapacityPolicyRow | null> {
  const [row] = await db
    .select()
    .from(capacityPolicies)
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.formId, formId)))
    .limit(1);
  return row ?? null;
}

export async function listCapacityPolicies(db: Database, tenantId: string, q: { limit: number; cursor?: string; formId?: string }) {
  return db
    .select()
    .from(capacityPolicies)
    .where(
      and(
        eq(capacityPolicies.tenantId, tenantId),
        q.formId ? eq(capacityPolicies.formId, q.formId) : undefined,
        q.cursor ? lt(capacityPolicies.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(capacityPolicies.id))
    .limit(q.limit + 1);
}

export async function updateCapacityPolicy(db: Database, tenantId: string, id: string, patch: Partial<CapacityPolicyInput>, now: Date) {
  const [row] = await db
    .update(capacityPolicies)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)))
    .returning();
  return row ?? null;
}

/** Deletes the policy; answers the form it gated, or null when there was no such policy. */
export async function deleteCapacityPolicy(db: Database, tenantId: string, id: string): Promise<string | null> {
  const rows = await db
    .delete(capacityPolicies)
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)))
    .returning({ formId: capacityPolicies.formId });
  return rows[0]?.formId ?? null;
}

/** The policies whose capacity a team's reps make up (for a team's delete check). */
export async function capacityPoliciesOfTeam(db: Database, tenantId: string, teamId: string, limit = 20) {
  return db
    .select({ id: capacityPolicies.id, name: capacityPolicies.name })
    .from(capacityPolicies)
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.teamId, teamId)))
    .orderBy(desc(capacityPolicies.id))
    .limit(limit);
}
