/**
 * Fans outbox messages out to their destinations. Claimed with FOR UPDATE SKIP LOCKED so two ticks
 * (or a tick and an after-commit kick) never take the same message.
 */
import { asc, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/database';
import { outbox } from '../db/schema';

export async function dispatchOutbox(db: Database, now: Date, batch = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(isNull(outbox.dispatchedAt))
      .orderBy(asc(outbox.createdAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    if (pending.length === 0) return 0;
    await tx
      .update(outbox)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          outbox.id,
          pending.map((p) => p.id),
        ),
      );
    return pending.length;
  });
}
