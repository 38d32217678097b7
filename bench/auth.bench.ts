/**
 * Accounts: sign-in latency (scrypt is the one slow step), and what a session costs over a secret
 * key on the same authenticated read (GET /v1/leads), in the same run, on the embedded database and
 * a real PostgreSQL 15. Requests go through the app in process (`app.request`): no HTTP, so the
 * difference is the credential lookup itself. Also the bare password hash and verify times.
 */
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import type { DatabaseHandle } from '../api/src/db/database';
import { migrate } from '../api/src/db/migrate';
import { openPglite } from '../api/src/db/pglite';
import { openPostgres } from '../api/src/db/postgres';
import { createTenant } from '../api/src/db/queries/tenants';
import { createNodeApp } from '../api/src/local/node-app';
import { startPgCluster } from '../tests/helpers/pg-cluster';
import { type BenchReport, percentile } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ORIGIN = 'http://localhost';
const PASSWORD = 'bench password 123';

async function timed(seconds: number, call: (i: number) => Response | Promise<Response>, maxCalls = Infinity) {
  const ms: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end && i < maxCalls; i++) {
    const t0 = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`bench call answered ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

async function measure(label: string, handle: DatabaseHandle): Promise<BenchReport['rows']> {
  await migrate(handle);
  const { app } = createNodeApp({
    handle,
    accounts: { secret: 'bench-secret-0123456789abcdefghijklmnop', publicUrl: ORIGIN },
    authLimits: { authAttemptsPerClientPerMinute: 1e9, failedSignInsPerAccount: 1e9 },
  });
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify(body),
    });
  const email = `bench.${Date.now()}@example.com`;
  const signUp = await post('/v1/auth/sign-up/email', { name: 'B', email, password: PASSWORD, workspaceName: 'Bench' });
  const cookie = signUp.headers.getSetCookie()[0]!.split(';')[0]!;
  const { secretKey } = await createTenant(handle.db, { name: 'Bench keyed' }, new Date());

  const signIn = await timed(SECONDS, () => post('/v1/auth/sign-in/email', { email, password: PASSWORD }), 200);
  // Interleaved, so load on the machine hits both alike.
  const key: number[] = [];
  const session: number[] = [];
  const end = performance.now() + SECONDS * 2 * 1000;
  while (performance.now() < end) {
    for (const [headers, into] of [
      [{ authorization: `Bearer ${secretKey}` }, key],
      [{ cookie }, session],
    ] as const) {
      const t0 = performance.now();
      const res = await app.request('/v1/leads', { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET /v1/leads answered ${res.status}`);
      into.push(performance.now() - t0);
    }
  }
  key.sort((a, b) => a - b);
  session.sort((a, b) => a - b);
  return [
    { database: label, call: 'POST /v1/auth/sign-in/email', n: signIn.n, p50ms: signIn.p50, p99ms: signIn.p99 },
    {
      database: label,
      call: 'GET /v1/leads with a secret key',
      n: key.length,
      p50ms: percentile(key, 50),
      p99ms: percentile(key, 99),
    },
    {
      database: label,
      call: 'GET /v1/leads with a session cookie',
      n: session.length,
      p50ms: percentile(session, 50),
      p99ms: percentile(session, 99),
      'p50 over key ms': percentile(session, 50) - percentile(key, 50),
    },
  ];
}

async function hashing(): Promise<BenchReport['rows']> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let hash = '';
  for (let i = 0; i < 20; i++) {
    let t0 = performance.now();
    hash = await hashPassword(PASSWORD);
    hashes.push(performance.now() - t0);
    t0 = performance.now();
    await verifyPassword({ hash, password: PASSWORD });
    verifies.push(performance.now() - t0);
  }
  hashes.sort((a, b) => a - b);
  verifies.sort((a, b) => a - b);
  return [
    {
      database: '-',
      call: 'scrypt hash (better-auth default)',
      n: 20,
      p50ms: percentile(hashes, 50),
      p99ms: percentile(hashes, 99),
    },
    { database: '-', call: 'scrypt verify', n: 20, p50ms: percentile(verifies, 50), p99ms: percentile(verifies, 99) },
  ];
}

export async function run(): Promise<BenchReport> {
  const rows = await hashing();
  const embedded = await openPglite();
  try {
    rows.push(...(await measure('embedded (PGlite)', embedded)));
  } finally {
    await embedded.close();
  }
  const cluster = await startPgCluster();
  try {
    const handle = openPostgres(cluster.url, { max: 4 });
    try {
      rows.push(...(await measure('PostgreSQL 15', handle)));
    } finally {
      await handle.close();
    }
  } finally {
    cluster.stop();
  }
  return {
    title: `Accounts: sign-in and session vs key on GET /v1/leads (in process, ${SECONDS} s per series)`,
    rows,
    notes: [
      'Goal: a session costs under 1 ms more than a key at p50 (one indexed query joining session, user and member).',
      'Sign-in is dominated by scrypt verify; the Workers free plan stops a request at 10 ms of CPU.',
    ],
  };
}
