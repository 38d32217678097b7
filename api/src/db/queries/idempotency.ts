import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../database';
import { idempotencyKeys } from '../schema';

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; statusCode: number; response: Record<string, unknown> }
  | { kind: 'conflict' };

/**
 * Claims a key inside the request's transaction. The insert comes first: a concurrent request with the
 * same key blocks on the unique index until this transaction ends, then finds the finished answer.
 */
export async function claimIdempotencyKey(
  tx: Database,
  input: { tenantId: string; scope: string; key: string; fingerprint: string; now: Date },
): Promise<IdempotencyClaim> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      tenantId: input.tenantId,
      scope: input.scope,
      key: input.key,
      fingerprint: input.fingerprint,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'new' };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, input.tenantId),
        eq(idempotencyKeys.scope, input.scope),
        eq(idempotencyKeys.key, input.key),
      ),
    )
    .limit(1);
  if (!row || row.fingerprint !== input.fingerprint || row.statusCode === null || !row.response)
    return { kind: 'conflict' };
  return { kind: 'replay', statusCode: row.statusCode, response: row.response };
}

export async function saveIdempotentResponse(
  tx: Database,
  input: { scope: string; key: string; statusCode: number; response: Record<string, unknown> },
) {
  await tx
    .update(idempotencyKeys)
    .set({ statusCode: input.statusCode, response: input.response })
    .where(and(eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.key, input.key)));
}

/** Keys are kept long enough to cover a widget retrying across days offline. */
export async function deleteExpiredIdempotencyKeys(db: Database, olderThan: Date) {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan));
}
