/**
 * Runs the real Workers build in workerd (through Miniflare): the bundle `wrangler deploy --dry-run`
 * produces, with a Hyperdrive binding pointing at a test database. Without a real Postgres, the
 * embedded database is served over the wire by pglite-socket, one connection at a time (PGlite
 * interleaves statements of concurrent connections).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { openSnapshotPglite, postgresUrl } from './db';
import type { DatabaseHandle } from '../../api/src/db/database';
import { openPostgres } from '../../api/src/db/postgres';
import { freePort } from './pg-cluster';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The Worker's public origin in tests: what `fetch('/…')` resolves against. */
export const WORKER_ORIGIN = 'http://inlet.test';
const WORKER_AUTH_SECRET = 'worker-test-auth-secret-0123456789abcdef';

function buildWorker(): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-worker-'));
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out],
    {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
      stdio: 'pipe',
    },
  );
  return path.join(out, 'worker.js');
}

/** Hyperdrive insists on a password in the URL; the test servers trust local connections and ignore it. */
function withPassword(url: string): string {
  const u = new URL(url);
  if (!u.password) u.password = 'unused';
  return u.toString();
}

export interface WorkerRuntime {
  mf: Miniflare;
  /** The same database the Worker talks to, for seeding and checks from the test. */
  handle: DatabaseHandle;
  kind: 'postgres' | 'pglite';
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startWorkerRuntime(): Promise<WorkerRuntime> {
  const scriptPath = buildWorker();
  let url = await postgresUrl();
  let handle: DatabaseHandle;
  let stopSocket = async () => {};
  let kind: WorkerRuntime['kind'] = 'postgres';
  if (url) {
    handle = openPostgres(url, { max: 2 });
  } else {
    kind = 'pglite';
    const embedded = await openSnapshotPglite();
    const port = await freePort();
    const server = new PGLiteSocketServer({ db: embedded.client, port, host: '127.0.0.1', maxConnections: 1 });
    await server.start();
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    handle = embedded.handle;
    stopSocket = () => server.stop();
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath,
      modulesRoot: path.dirname(scriptPath),
      compatibilityDate: '2026-11-01',
      compatibilityFlags: ['nodejs_compat'],
      hyperdrives: { HYPERDRIVE: withPassword(url) },
      bindings: { INLET_AUTH_SECRET: WORKER_AUTH_SECRET, INLET_PUBLIC_URL: WORKER_ORIGIN },
      // The static assets as wrangler.toml declares them (widget, dashboard, reference script).
      assets: {
        directory: path.join(ROOT, '.build/public'),
        binding: 'ASSETS',
        routerConfig: { has_user_worker: true },
      },
    }),
  );
  await mf.ready;
  return {
    mf,
    handle,
    kind,
    fetch: async (p, init) => (await mf.dispatchFetch(`${WORKER_ORIGIN}${p}`, init as never)) as unknown as Response,
    async close() {
      await mf.dispose();
      await stopSocket();
      await handle.close();
    },
  };
}
