import { eq } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { tenants } from '../schema';
import { createApiKey } from './api-keys';
import { insertDefaultPipeline } from './pipeline-stages';

/** The slug a tenant made outside better-auth gets (the migration gave existing tenants the same). */
export const tenantSlug = (tenantId: string) => tenantId.toLowerCase();

/** A new tenant with its first secret key and the default pipeline. */
export async function createTenant(db: Database, input: { name: string; timeZone?: string }, now: Date) {
  return db.transaction(async (tx) => {
    const tenantId = newId('tenant', now);
    await tx.insert(tenants).values({
      id: tenantId,
      name: input.name,
      slug: tenantSlug(tenantId),
      timeZone: input.timeZone ?? 'UTC',
      createdAt: now,
    });
    await insertDefaultPipeline(tx, tenantId, now);
    const key = await createApiKey(tx, tenantId, 'Default secret key', 'secret', now);
    return { tenantId, secretKey: key.secret };
  });
}

export async function getTenant(db: Database, tenantId: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  return row ?? null;
}

export async function updateTenant(db: Database, tenantId: string, patch: { name?: string; timeZone?: string }) {
  const [row] = await db.update(tenants).set(patch).where(eq(tenants.id, tenantId)).returning();
  return row ?? null;
}
