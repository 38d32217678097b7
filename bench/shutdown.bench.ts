/**
 * How long `npm start`'s entry takes from SIGINT / SIGTERM to exit, closing the embedded database
 * (README: "closes the database cleanly within 2 s"), against a bare HTTP server started the same
 * way (tsx, its own process) that exits on the signal, timed in the same run. The contract itself
 * (exit 0, database closed) is a test: tests/api/local-runner.test.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, type BenchReport } from './lib';
import { startServerProcess } from './server-process';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = 3;

const BARE_SERVER = `
import http from 'node:http';
const server = http.createServer((_q, s) => s.end('ok')).listen(0, '127.0.0.1', () => console.log('listening'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
`;

async function bareServerStop(signal: NodeJS.Signals): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-bench-bare-'));
  const file = path.join(dir, 'bare.ts');
  fs.writeFileSync(file, BARE_SERVER);
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('listening') && resolve()));
  const exited = new Promise((r) => child.on('exit', r));
  const t0 = performance.now();
  child.kill(signal);
  await exited;
  const ms = performance.now() - t0;
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

export async function run(): Promise<BenchReport> {
  const rows: BenchReport['rows'] = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const bare: number[] = [];
    const inlet: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await bareServerStop(signal));
      const server = await startServerProcess();
      inlet.push(await server.stop(signal));
    }
    bare.sort((a, b) => a - b);
    inlet.sort((a, b) => a - b);
    rows.push({
      signal,
      'bare server median ms': percentile(bare, 50),
      'Inlet median ms': percentile(inlet, 50),
      'Inlet worst ms': inlet.at(-1)!,
      'vs baseline': `${(percentile(inlet, 50) / percentile(bare, 50)).toFixed(1)}x`,
      'goal (README)': '< 2000 ms',
    });
  }
  return {
    title: 'shutdown: signal to exit of the local runner (embedded database) vs a bare HTTP server',
    rows,
    notes: [
      `${RUNS} runs per signal, each on a fresh data folder; both processes started through tsx, the signal sent to its process.`,
      'Baseline: node:http server that closes and exits on the signal, in the same run.',
    ],
  };
}
