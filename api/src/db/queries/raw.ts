import type { SQL } from 'drizzle-orm';
import type { Database } from '../database';

/** Rows of a hand-written query on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export async function rawRows<T>(db: Database, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  return Array.isArray(r) ? ([...r] as T[]) : (((r as { rows?: T[] }).rows ?? []) as T[]);
}
