/**
 * The local runner as a user drives it: `npm start` as a real process on a fresh data folder,
 * `npm run admin` / `npm run migrate` while it runs and after it stops, a clean stop on SIGTERM.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../api/src/local/config';
import { startLocal } from '../../api/src/local/server';
import { postgresUrl, testDbKinds } from '../helpers/db';
import { freePort } from '../helpers/pg-cluster';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('npm start, admin and migrate on the embedded database', () => {
  let dataDir: string;
  let port: number;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-runner-'));
    port = await freePort();
    env = { ...process.env, INLET_DATA_DIR: dataDir, PORT: String(port), DEMO_PORT: String(await freePort()), DATABASE_URL: '' };
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const admin = async (...args: string[]) => {
    const { stdout } = await run('npm', ['run', '-s', 'admin', '--', ...args], { cwd: ROOT, env });
    return stdout;
  };

  function start(): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 60_000);
      const poll = setInterval(async () => {
        if (!out.includes('Demo key')) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }, 100);
      child.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
    });
  }

  async function stop(child: ChildProcess): Promise<number> {
    const t0 = Date.now();
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    return Date.now() - t0;
  }

  const keyFrom = (out: string) => /Demo key\s+(sk_live_\S+)/.exec(out)?.[1];

  it('create-tenant on a fresh data folder (no server) prints one JSON line', async () => {
    const out = await admin('create-tenant', '--name', 'Before start');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ tenantId: expect.stringMatching(/^ten_/), secretKey: expect.stringMatching(/^sk_live_/) });
  });

  it('starts, serves, lets admin and migrate work through it, and closes within 2 s on SIGTERM', async () => {
    const { child, output } = await start();
    const key = keyFrom(output());
    expect(output()).toContain(`http://127.0.0.1:${port}`);
    const leads = await fetch(`http://127.0.0.1:${port}/v1/leads`, { headers: { authorization: `Bearer ${key}` } });
    expect(leads.status).toBe(200);

    // While the server owns the folder, admin goes through it: the new key works on the live server.
    const { secretKey } = JSON.parse(await admin('create-tenant', '--name', 'While running'));
    const res = await fetch(`http://127.0.0.1:${port}/v1/forms`, { headers: { authorization: `Bearer ${secretKey}` } });
    expect(res.status).toBe(200);
    await run('npm', ['run', '-s', 'migrate'], { cwd: ROOT, env });

    // The admin route is loopback-only and needs the token.
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8'));
    const noToken = await fetch(`http://127.0.0.1:${port}/_local/admin/tenants`, { method: 'POST', body: '{"name":"x"}' });
    expect(noToken.status).toBe(403);
    expect(lock.token.length).toBeGreaterThan(20);

    expect(await stop(child)).toBeLessThan(2000);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
  });

  it('keeps data and prints the same demo key on the next start', async () => {
    const first = await start();
    const key = keyFrom(first.output());
    const formId = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')).formId;
    const sub = await fetch(`http://127.0.0.1:${port}/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ values: { name: 'Persisted', email: 'persist@example.com' } }),
    });
    expect(sub.status).toBe(201);
    const { leadId } = (await sub.json()) as { leadId: string };
    await stop(first.child);

    const second = await start();
    expect(keyFrom(second.output())).toBe(key);
    const lead = await fetch(`http://127.0.0.1:${port}/v1/leads/${leadId}`, { headers: { authorization: `Bearer ${key}` } });
    expect(lead.status).toBe(200);
    await stop(second.child);
  });
});

describe.each(testDbKinds.filter((k) => k === 'postgres'))('with DATABASE_URL (real Postgres)', () => {
  it('migrates, creates a tenant and serves it', async () => {
    const databaseUrl = await postgresUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-runner-pg-'));
    const env = { ...process.env, DATABASE_URL: databaseUrl, INLET_DATA_DIR: dataDir };
    try {
      await run('npm', ['run', '-s', 'migrate'], { cwd: ROOT, env });
      const { stdout } = await run('npm', ['run', '-s', 'admin', '--', 'create-tenant', '--name', 'On Postgres'], { cwd: ROOT, env });
      const { secretKey } = JSON.parse(stdout);
      const running = await startLocal({ ...readLocalConfig({ ...env, PORT: '0' }) });
      try {
        const res = await fetch(`${running.apiUrl}/v1/forms`, { headers: { authorization: `Bearer ${secretKey}` } });
        expect(res.status).toBe(200);
        expect(running.handle.kind).toBe('postgres');
      } finally {
        await running.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
