/** Test databases: the embedded one always, a real Postgres server when one is configured. */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { inject } from 'vitest';
import type { Database, DatabaseHandle } from '../../api/src/db/database';
import { openPostgres } from '../../api/src/db/postgres';
import * as schema from '../../api/src/db/schema';

export type TestDbKind = 'pglite' | 'postgres';

export const postgresUrl = () => inject('postgresUrl');

/** The kinds to run database tests against: `describe.each(testDbKinds)`. */
export const testDbKinds: TestDbKind[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

export async function openTestDb(kind: TestDbKind, opts: { max?: number } = {}): Promise<DatabaseHandle> {
  if (kind === 'postgres') return openPostgres(postgresUrl(), { max: opts.max ?? 10 });
  const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
  const client = await PGlite.create({ loadDataDir: snapshot });
  return { db: drizzle({ client, schema }) as unknown as Database, kind: 'pglite', close: () => client.close() };
}
