/** Migration tests with rows: a database migrated up to a given migration, filled, then migrated on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { Database, DatabaseHandle } from '../../api/src/db/database';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { openPostgres } from '../../api/src/db/postgres';
import type { TestDbKind } from './db';
import { databaseUrl } from './pg-cluster';
import * as schema from '../../api/src/db/schema';

/** The migrations folder as it was before migration `TAG`. */
export function folderBefore(TAG: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-mig-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === TAG);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** Rows of a query on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export async function rows(db: Database, q: ReturnType<typeof sql>): Promise<any[]> {
  const r = (await db.execute(q)) as unknown;
  return Array.isArray(r) ? [...r] : ((r as { rows?: any[] }).rows ?? []);
}

/** An empty database (no migration applied), a way to run several statements at once, and its migrator. */
export async function emptyDatabase(kind: TestDbKind) {
  if (kind === 'pglite') {
    const client = new PGlite();
    const db = drizzle({ client, schema }) as unknown as Database;
    const handle: DatabaseHandle = { db, kind, close: () => client.close() };
    return {
      handle,
      exec: (q: string) => client.exec(q),
      migrate: (folder: string) => migratePglite(db as never, { migrationsFolder: folder }),
    };
  }
  const server = inject('postgresUrl')!;
  const name = `inlet_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(server, name);
  const handle = openPostgres(url, { max: 2 });
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  return {
    handle: { ...handle, close: async () => (await raw.end(), await handle.close()) },
    exec: (q: string) => raw.unsafe(q),
    migrate: (folder: string) => migratePostgres(handle.db as never, { migrationsFolder: folder }),
  };
}
