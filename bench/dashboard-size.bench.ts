/**
 * The dashboard's bytes (gzip level 9) from a fresh build's manifest: the first screen (sign-in, then
 * the shell with the inbox), the largest route chunk, the whole app; and, in Chromium, the time from
 * navigation to the inbox's first rows, beside the same browser fetching the API's list alone
 * (the floor the screen stands on). Goals: first screen ≤ 30 KB, route chunk ≤ 40 KB, app ≤ 150 KB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startLocal } from '../api/src/local/server';
import { launchBrowser } from '../tests/helpers/browser';
import { demoLogin } from '../tests/browser/dashboard-fixture';
import { percentile, type BenchReport } from './lib';

const ROOT = path.resolve(import.meta.dirname, '..');
const kb = (n: number) => Math.round((n / 1024) * 100) / 100;

interface Chunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

function sizes(): BenchReport {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-dash-'));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'dashboard/vite.config.ts',
      '--outDir',
      out,
      '--manifest',
      '--logLevel',
      'silent',
    ],
    { cwd: ROOT },
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;
  /** A chunk with everything it imports statically (what loading it costs), as a set of files. */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const c = manifest[key]!;
    if (seen.has(c.file)) return seen;
    seen.add(c.file);
    for (const css of c.css ?? []) seen.add(css);
    for (const i of c.imports ?? []) closure(i, seen);
    return seen;
  };
  const sum = (files: Iterable<string>) => [...files].reduce((s, f) => s + gz(f), 0);
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const inbox = Object.keys(manifest).find((k) => k.endsWith('leads/inbox-page.tsx'))!;
  const first = new Set([...closure(entry), ...closure(inbox)]);
  const routes = Object.keys(manifest).filter((k) => manifest[k]!.isDynamicEntry);
  // A route's own cost on top of the first screen: its chunk and the shared chunks it adds.
  const routeRows = routes.map((k) => ({
    route: k.replace(/^src\//, ''),
    gzip: sum([...closure(k)].filter((f) => !first.has(f))),
  }));
  routeRows.sort((a, b) => b.gzip - a.gzip);
  const all = fs.readdirSync(path.join(out, 'assets')).map((f) => `assets/${f}`);
  const total = sum(all);
  const firstBytes = sum(first);
  fs.rmSync(out, { recursive: true, force: true });
  return {
    title: 'Dashboard bytes, gzip (goals: first screen ≤ 30 KB, largest route ≤ 40 KB, whole app ≤ 150 KB)',
    rows: [
      { part: 'first screen: shell + sign-in + inbox (JS + CSS)', 'gzip KB': kb(firstBytes), goal: 30 },
      ...routeRows.slice(0, 3).map((r) => ({ part: `route on demand: ${r.route}`, 'gzip KB': kb(r.gzip), goal: 40 })),
      { part: 'whole app (every chunk and stylesheet)', 'gzip KB': kb(total), goal: 150 },
    ],
    notes: [`${routes.length} screens load on demand; the uPlot chart code comes only with the two report screens.`],
  };
}

async function timeToRows(): Promise<BenchReport> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-dash-bench-'));
  const local = await startLocal({
    port: 0,
    host: '127.0.0.1',
    demoPort: 0,
    databaseUrl: undefined,
    dataDir,
    tickMs: 600_000,
    submissionsPerMinute: 100_000,
  });
  const { formId } = local.demo;
  const login = demoLogin(local);
  for (let i = 0; i < 60; i++) {
    await fetch(`${local.apiUrl}/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        values: { name: `Lead ${i}`, email: `lead${i}@bench.example` },
        touchpoints: [{ url: `https://www.example.com/?utm_source=s${i % 5}`, occurredAt: new Date().toISOString() }],
      }),
    });
  }
  const browser = await launchBrowser();
  const screen: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    // Signed in as the demo owner (the session cookie lands in the context), as after the sign-in screen.
    await context.request.post(`${local.apiUrl}/v1/auth/sign-in/email`, {
      data: login,
      headers: { origin: local.apiUrl },
    });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${local.apiUrl}/app/leads`);
    await page.locator('tbody tr').first().waitFor();
    screen.push(performance.now() - t0);
    const t1 = performance.now();
    await page.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).json(),
      `${local.apiUrl}/v1/leads?limit=25`,
    );
    floor.push(performance.now() - t1);
    await context.close();
  }
  await browser.close();
  await local.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const ms = (xs: number[], p: number) =>
    Math.round(
      percentile(
        [...xs].sort((a, b) => a - b),
        p,
      ),
    );
  return {
    title: 'Inbox in Chromium: navigation to the first rows (7 fresh tabs, 60 leads, first run counted)',
    rows: [
      { what: 'navigate to /app/leads → first row shown', 'p50 ms': ms(screen, 50), 'max ms': ms(screen, 100) },
      {
        what: 'baseline: the same tab fetching GET /v1/leads?limit=25 alone',
        'p50 ms': ms(floor, 50),
        'max ms': ms(floor, 100),
      },
    ],
  };
}

export async function run(): Promise<BenchReport[]> {
  return [sizes(), await timeToRows()];
}
