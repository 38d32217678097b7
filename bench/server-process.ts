/**
 * Starts `npm start`'s entry as its own process (the load driver must not share the server's event
 * loop) on free ports and a fresh data folder; resolves when it prints its demo key.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/pg-cluster';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  url: string;
  demoKey: string;
  demoFormId: string;
  /** Sends `signal` and resolves with the milliseconds until the process exited. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/**
 * A load test sends everything from one address: lift the per-address burst guard, and point the
 * server at `databaseUrl` (a real Postgres) or, without one, its embedded database.
 */
export function loadTestEnv(
  databaseUrl: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { INLET_SUBMISSIONS_PER_MINUTE: '100000000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...extra };
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'api/src/local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DEMO_PORT: String(await freePort()),
      INLET_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => out.includes('Demo key') && (clearInterval(poll), resolve()), 50);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as {
    secretKey: string;
    formId: string;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    demoKey: demo.secretKey,
    demoFormId: demo.formId,
    async stop(signal = 'SIGTERM') {
      const exited = new Promise((r) => child.on('exit', r));
      const t0 = performance.now();
      child.kill(signal);
      await exited;
      const ms = performance.now() - t0;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return ms;
    },
  };
}
