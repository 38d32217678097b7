/**
 * The database type every query takes. Both drivers (PGlite embedded, postgres.js for a real server)
 * produce a drizzle PgDatabase over the same schema, and a transaction is one too, so a query written
 * once runs on either and inside or outside a transaction.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}
