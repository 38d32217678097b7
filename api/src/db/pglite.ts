/**
 * The embedded database: Postgres compiled to WASM (PGlite), files in a local folder. It has one
 * owner: a second process opening the same folder corrupts it (see local/data-dir.ts).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, DatabaseHandle } from './database';
import * as schema from './schema';

/** `dataDir` undefined keeps everything in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle & { client: PGlite }> {
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzle({ client, schema }) as unknown as Database;
  return { db, client, kind: 'pglite', close: () => client.close() };
}
