/**
 * The scheduler's source-quality job: workspaces whose scores are due (daily, or at once after
 * revenue or churn was recorded) are recomputed, each in its own transaction holding its schedule row.
 */
import type { Database } from '../db/database';
import { claimDueScores, computeScores } from '../db/queries/source-scores';

export async function scoreSources(db: Database, now: Date, batch = 20): Promise<{ workspaces: number }> {
  let workspaces = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [tenantId] = await claimDueScores(tx, now, 1);
      if (!tenantId) return false;
      await computeScores(tx, tenantId, now);
      return true;
    });
    if (!done) break;
    if (++workspaces >= batch) break;
  }
  return { workspaces };
}
