import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { KeyScope } from '../../domain/access';
import { mintApiKey } from '../../domain/api-keys';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { apiKeys } from '../schema';

export async function findTenantByKeyHash(db: Database, hash: string) {
  const [row] = await db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function touchApiKey(db: Database, keyId: string, now: Date) {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, keyId));
}

/**
 * Creates a key; answers its row and its secret: the only time the secret exists outside the caller.
 * Without `grant` it is a `full` key nobody is recorded as making (the admin command, `npm start`).
 */
export async function createApiKey(
  db: Database,
  tenantId: string,
  name: string,
  kind: 'secret' | 'demo',
  now: Date,
  grant: { scopes?: KeyScope[]; createdBy?: string } = {},
) {
  const minted = await mintApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('apiKey', now),
      tenantId,
      name,
      prefix: minted.prefix,
      hash: minted.hash,
      kind,
      scopes: grant.scopes ?? ['full'],
      createdBy: grant.createdBy ?? null,
      createdAt: now,
    })
    .returning();
  return { row: row!, secret: minted.secret };
}

export async function revokeDemoKeys(db: Database, tenantId: string, now: Date) {
  await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.kind, 'demo'), isNull(apiKeys.revokedAt)));
}

export async function listApiKeys(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), page.cursor ? lt(apiKeys.id, page.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1);
}

export async function findApiKey(db: Database, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
    .limit(1);
  return row ?? null;
}

/** Revokes a key of this tenant; null when there is no such key (another tenant's included). */
export async function revokeApiKey(db: Database, tenantId: string, id: string, now: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row ?? (await findApiKey(db, tenantId, id));
}
