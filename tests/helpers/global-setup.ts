/**
 * Runs once before all tests:
 * - a migrated embedded database, dumped once so each test file loads it in ~0.3 s instead of ~3 s;
 * - a real Postgres: TEST_DATABASE_URL when given (CI starts a server), else a throwaway local
 *   PostgreSQL 15 when its binaries are installed; migrated once.
 * - a fresh build of the widget and dashboard for the browser tests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../api/src/db/migrate';
import { openPglite } from '../../api/src/db/pglite';
import postgres from 'postgres';
import { openPostgres } from '../../api/src/db/postgres';
import { databaseUrl } from './pg-cluster';
import { findPgBin, startPgCluster, type PgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-test-'));
  const pg = await openPglite();
  await migrate(pg);
  const snapshot = path.join(tmp, 'pglite.tar');
  fs.writeFileSync(snapshot, Buffer.from(await (await pg.client.dumpDataDir('none')).arrayBuffer()));
  await pg.close();
  project.provide('pgliteSnapshot', snapshot);

  let cluster: PgCluster | null = null;
  let url = process.env.TEST_DATABASE_URL ?? '';
  if (!url && findPgBin() && process.env.INLET_TEST_NO_POSTGRES !== '1') {
    cluster = await startPgCluster();
    url = cluster.url;
  }
  if (url) {
    // A migrated template: each test file gets its own database copied from it (tests/helpers/db.ts),
    // so one file's scheduler sweeps never touch another file's leads.
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe('DROP DATABASE IF EXISTS inlet_template WITH (FORCE)');
    await admin.unsafe('CREATE DATABASE inlet_template');
    await admin.end();
    const h = openPostgres(databaseUrl(url, 'inlet_template'), { max: 1 });
    await migrate(h);
    await h.close();
  }
  project.provide('postgresUrl', url);

  // Always rebuild (about a second): browser tests must load the widget as the sources are now.
  // NODE_ENV=test (vitest's) would make Vite build for development: build what users get.
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });

  return () => {
    cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
