/** Test databases: the embedded one always, a real Postgres server when one is configured. */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { inject } from 'vitest';
import type { Database, DatabaseHandle } from '../../api/src/db/database';
import postgres from 'postgres';
import { openPostgres } from '../../api/src/db/postgres';
import { databaseUrl } from './pg-cluster';
import * as schema from '../../api/src/db/schema';

export type TestDbKind = 'pglite' | 'postgres';

let fileDatabase: Promise<string> | null = null;

/**
 * This test file's own Postgres database, copied from the migrated template on first use: files run
 * in parallel, and the scheduler's sweeps serve every tenant in a database, so files must not share one.
 */
export function postgresUrl(): string | Promise<string> {
  const server = inject('postgresUrl');
  if (!server) return '';
  fileDatabase ??= (async () => {
    const name = `inlet_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE inlet_template`);
    await admin.end();
    return databaseUrl(server, name);
  })();
  return fileDatabase;
}

/** The kinds to run database tests against: `describe.each(testDbKinds)`. */
export const testDbKinds: TestDbKind[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

export async function openTestDb(kind: TestDbKind, opts: { max?: number } = {}): Promise<DatabaseHandle> {
  if (kind === 'postgres') return openPostgres(await postgresUrl(), { max: opts.max ?? 10 });
  return (await openSnapshotPglite()).handle;
}

/** A fresh embedded database from the migrated snapshot: its client (to serve over a socket) and its handle. */
export async function openSnapshotPglite(): Promise<{ client: PGlite; handle: DatabaseHandle }> {
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteSnapshot'))]) });
  return {
    client,
    handle: { db: drizzle({ client, schema }) as unknown as Database, kind: 'pglite', close: () => client.close() },
  };
}
