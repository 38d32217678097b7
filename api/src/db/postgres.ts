/** A real Postgres server through postgres.js: used by Node with DATABASE_URL and by the Worker. */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database, DatabaseHandle } from './database';
import * as schema from './schema';

export interface PostgresOptions {
  /** Pool size; the Worker uses 1 per request (Hyperdrive pools in front of it). */
  max?: number;
  /** In workerd, `end()` must not be called (it rejects with "Stream was cancelled"); it closes sockets itself. */
  endOnClose?: boolean;
}

export function openPostgres(url: string, opts: PostgresOptions = {}): DatabaseHandle {
  const client = postgres(url, {
    max: opts.max ?? 10,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'inlet' },
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    close: async () => {
      if (opts.endOnClose !== false) await client.end({ timeout: 1 });
    },
  };
}
