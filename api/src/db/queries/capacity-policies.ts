/** Capacity policies as the API writes them (the gate keeps its own queries for usage and state). */
import { and, desc, eq, getTableColumns, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { CapacityPolicy } from '../../domain/capacity';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { capacityPolicies, capacityPolicyForms, tenants } from '../schema';

/** A policy with the forms it gates (in id order) and the tenant's time zone its windows are counted in. */
export type CapacityPolicyRow = typeof capacityPolicies.$inferSelect & { formIds: string[]; timeZone: string };

/** Selects a policy row with its forms and its tenant's zone, in the same statement. */
export const policyColumns = {
  ...getTableColumns(capacityPolicies),
  // json, not a text[]: every driver here (postgres.js, PGlite) parses json the same way.
  formIds: sql<
    string[]
  >`(select coalesce(json_agg(${capacityPolicyForms.formId} order by ${capacityPolicyForms.formId}), '[]'::json) from ${capacityPolicyForms} where ${capacityPolicyForms.policyId} = ${capacityPolicies.id})`,
  timeZone: sql<string>`(select ${tenants.timeZone} from ${tenants} where ${tenants.id} = ${capacityPolicies.tenantId})`,
};

export interface CapacityPolicyInput {
  name: string;
  formIds: string[];
  teamId: string | null;
  policy: CapacityPolicy;
  enabled: boolean;
}

/**
 * Attaches forms to a policy. Returns the forms another policy already gates (then nothing was
 * attached: the caller rolls back). ON CONFLICT DO NOTHING waits for a concurrent insert of the
 * same form, so two policies can never both take it.
 */
export async function attachForms(
  db: Database,
  tenantId: string,
  policyId: string,
  formIds: string[],
): Promise<string[]> {
  if (formIds.length === 0) return [];
  const attached = await db
    .insert(capacityPolicyForms)
    .values(formIds.map((formId) => ({ formId, tenantId, policyId })))
    .onConflictDoNothing({ target: capacityPolicyForms.formId })
    .returning({ formId: capacityPolicyForms.formId });
  const got = new Set(attached.map((r) => r.formId));
  return formIds.filter((id) => !got.has(id));
}

/** Detaches the forms the policy no longer gates; answers them. */
export async function detachFormsExcept(
  db: Database,
  tenantId: string,
  policyId: string,
  keep: string[],
): Promise<string[]> {
  const rows = await db
    .delete(capacityPolicyForms)
    .where(
      and(
        eq(capacityPolicyForms.tenantId, tenantId),
        eq(capacityPolicyForms.policyId, policyId),
        keep.length ? notInArray(capacityPolicyForms.formId, keep) : undefined,
      ),
    )
    .returning({ formId: capacityPolicyForms.formId });
  return rows.map((r) => r.formId);
}

export async function insertCapacityPolicy(
  db: Database,
  tenantId: string,
  input: Omit<CapacityPolicyInput, 'formIds'>,
  now: Date,
) {
  const [row] = await db
    .insert(capacityPolicies)
    .values({ ...input, id: newId('capacityPolicy', now), tenantId, createdAt: now, updatedAt: now })
    .returning({ id: capacityPolicies.id });
  return row!.id;
}

/** A policy of this tenant, or null (another tenant's policy is null too). */
export async function findCapacityPolicy(
  db: Database,
  tenantId: string,
  id: string,
): Promise<CapacityPolicyRow | null> {
  const [row] = await db
    .select(policyColumns)
    .from(capacityPolicies)
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)))
    .limit(1);
  return row ?? null;
}

/** The policies (other than `except`) that gate any of these forms: the ones a write would take them from. */
export async function policiesGatingForms(db: Database, tenantId: string, formIds: string[], except?: string) {
  return db
    .selectDistinct({ id: capacityPolicies.id, name: capacityPolicies.name, formId: capacityPolicyForms.formId })
    .from(capacityPolicyForms)
    .innerJoin(capacityPolicies, eq(capacityPolicies.id, capacityPolicyForms.policyId))
    .where(
      and(
        eq(capacityPolicyForms.tenantId, tenantId),
        inArray(capacityPolicyForms.formId, formIds),
        except ? sql`${capacityPolicies.id} <> ${except}` : undefined,
      ),
    )
    .orderBy(capacityPolicyForms.formId);
}

export async function listCapacityPolicies(
  db: Database,
  tenantId: string,
  q: { limit: number; cursor?: string; formId?: string },
) {
  return db
    .select(policyColumns)
    .from(capacityPolicies)
    .where(
      and(
        eq(capacityPolicies.tenantId, tenantId),
        q.formId
          ? sql`exists (select 1 from ${capacityPolicyForms} where ${capacityPolicyForms.policyId} = ${capacityPolicies.id} and ${capacityPolicyForms.formId} = ${q.formId})`
          : undefined,
        q.cursor ? lt(capacityPolicies.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(capacityPolicies.id))
    .limit(q.limit + 1);
}

export async function updateCapacityPolicy(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<Omit<CapacityPolicyInput, 'formIds'>>,
  now: Date,
) {
  await db
    .update(capacityPolicies)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)));
}

export async function deleteCapacityPolicy(db: Database, tenantId: string, id: string): Promise<void> {
  await db.delete(capacityPolicies).where(and(eq(capacityPolicies.tenantId, tenantId), eq(capacityPolicies.id, id)));
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
