/**
 * The local runner as a user drives it: `npm start` as a real process on a fresh data folder,
 * `npm run admin` / `npm run migrate` while it runs and after it stops, a clean stop on SIGINT and SIGTERM.
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
    env = {
      ...process.env,
      INLET_DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_PORT: String(await freePort()),
      DATABASE_URL: '',
    };
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

  /**
   * Signals the whole process group, as Ctrl-C in a terminal does (npm itself dies of the signal and
   * does not pass it on, so only the group reaches the server), and resolves once every process of
   * it has let go of the output pipe: the server has exited.
   */
  async function stop(child: ChildProcess, output: () => string, signal: NodeJS.Signals = 'SIGTERM') {
    const closed = new Promise<void>((r) => child.stdout!.on('close', () => r()));
    process.kill(-child.pid!, signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(new Error(`still running 5 s after ${signal}:\n${output()}`)), 5_000);
    });
    await Promise.race([closed, late]).finally(() => clearTimeout(timer));
  }

  /** PostgreSQL's own record of a clean stop: pg_control's state is DB_SHUTDOWNED (1), not in production (6). */
  const controlState = () => fs.readFileSync(path.join(dataDir, 'pg/global/pg_control')).readUInt32LE(16);

  const keyFrom = (out: string) => /Demo key\s+(sk_live_\S+)/.exec(out)?.[1];
  const loginFrom = (out: string) => /Demo login\s+(\S+) \/ (\S+)/.exec(out)?.slice(1, 3);

  /** Signs in over HTTP as the dashboard does; answers the workspace the session is in. */
  async function signedInWorkspace(email: string, password: string): Promise<string> {
    const origin = `http://127.0.0.1:${port}`;
    const res = await fetch(`${origin}/v1/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    const me = await fetch(`${origin}/v1/me`, { headers: { cookie } });
    return ((await me.json()) as { workspace: { id: string } }).workspace.id;
  }

  it('create-tenant on a fresh data folder (no server) prints one JSON line', async () => {
    const out = await admin('create-tenant', '--name', 'Before start');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      tenantId: expect.stringMatching(/^ten_/),
      secretKey: expect.stringMatching(/^sk_live_/),
    });
    // With no server, add-owner opens the folder itself: a new person gets a one-time password.
    const added = JSON.parse(
      (await admin('add-owner', '--tenant', JSON.parse(lines[0]!).tenantId, '--email', 'first@example.com')).trim(),
    );
    expect(added).toEqual({
      tenantId: JSON.parse(lines[0]!).tenantId,
      email: 'first@example.com',
      ownerPassword: expect.any(String),
    });
    // CLI processes that create and migrate a new embedded database: slow on a loaded machine.
  }, 180_000);

  it('starts, serves, lets admin, add-owner and migrate work through it, and stops on SIGTERM', async () => {
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

    // Owners through the running server: create-tenant --owner-email and add-owner print passwords that sign in.
    const owned = JSON.parse(await admin('create-tenant', '--name', 'Owned', '--owner-email', 'boss@example.com'));
    expect(owned).toEqual({
      tenantId: expect.stringMatching(/^ten_/),
      secretKey: expect.stringMatching(/^sk_live_/),
      ownerPassword: expect.any(String),
    });
    expect(await signedInWorkspace('boss@example.com', owned.ownerPassword)).toBe(owned.tenantId);
    const second = JSON.parse(await admin('add-owner', '--tenant', owned.tenantId, '--email', 'second@example.com'));
    expect(await signedInWorkspace('second@example.com', second.ownerPassword)).toBe(owned.tenantId);
    const [demoEmail, demoPassword] = loginFrom(output())!;
    const demoTenant = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')).tenantId;
    expect(await signedInWorkspace(demoEmail!, demoPassword!)).toBe(demoTenant);

    // The admin route is loopback-only and needs the token.
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8'));
    const noToken = await fetch(`http://127.0.0.1:${port}/_local/admin/tenants`, {
      method: 'POST',
      body: '{"name":"x"}',
    });
    expect(noToken.status).toBe(403);
    expect(lock.token.length).toBeGreaterThan(20);

    await stop(child, output);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
    // A first start on a fresh folder plus five CLI processes: minutes' worth on a loaded 2-core machine.
  }, 240_000);

  it('keeps data and prints the same demo key and login on the next start', async () => {
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
    await stop(first.child, first.output);

    const second = await start();
    expect(keyFrom(second.output())).toBe(key);
    expect(loginFrom(second.output())).toEqual(loginFrom(first.output()));
    expect(fs.statSync(path.join(dataDir, 'auth-secret')).mode & 0o777).toBe(0o600);
    const lead = await fetch(`http://127.0.0.1:${port}/v1/leads/${leadId}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(lead.status).toBe(200);
    await stop(second.child, second.output);
  }, 180_000);

  // A contract (the README's Ctrl-C): how fast it closes is a figure in bench/shutdown.bench.ts.
  it.each(['SIGINT', 'SIGTERM'] as const)('exits 0 on %s with the database closed, within 5 s', async (signal) => {
    const { child, output } = await start();
    expect(controlState()).toBe(6);
    await stop(child, output, signal);
    expect(output()).toContain(`${signal}: closing the database`);
    expect(output()).toContain('Database closed cleanly.');
    expect(controlState()).toBe(1);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
    // The folder opens again without recovery, data intact (the next test's start does the same).
    const { openPglite } = await import('../../api/src/db/pglite');
    const reopened = await openPglite(path.join(dataDir, 'pg'));
    const { rows } = await reopened.client.query<{ n: number }>('select count(*)::int as n from tenants');
    await reopened.close();
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});

describe.each(testDbKinds.filter((k) => k === 'postgres'))('with DATABASE_URL (real Postgres)', () => {
  it('migrates, creates a tenant and serves it', async () => {
    const databaseUrl = await postgresUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-runner-pg-'));
    const env = { ...process.env, DATABASE_URL: databaseUrl, INLET_DATA_DIR: dataDir };
    try {
      await run('npm', ['run', '-s', 'migrate'], { cwd: ROOT, env });
      const { stdout } = await run('npm', ['run', '-s', 'admin', '--', 'create-tenant', '--name', 'On Postgres'], {
        cwd: ROOT,
        env,
      });
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
