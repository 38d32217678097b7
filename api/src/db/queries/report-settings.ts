/**
 * Settings for one heavy report statement, in a transaction of its own (SET LOCAL ends with it):
 *  - no JIT: the planner's cost of a report over a year of leads passes jit_above_cost, and compiling
 *    it took longer than running it (4.6 s of 6.5 s at 10k leads, EXPLAIN ANALYZE in bench/README);
 *  - enough work_mem that sorting a million touches by lead stays in memory rather than on disk.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../database';

export async function reportTransaction<T>(db: Database, run: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return run(tx);
  });
}
