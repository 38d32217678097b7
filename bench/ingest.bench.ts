/**
 * Ingest: public submissions per second and latency through the local server (its own process) at
 * 1, 4 and 16 concurrent clients, on the embedded database and on a real PostgreSQL 15, beside the
 * same database's plain single-row INSERT rate at the same concurrency (the floor any ingest pays).
 */
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { startPgCluster } from '../tests/helpers/pg-cluster';
import { closedLoop, postSubmission, type LoadResult } from './load';
import { loadTestEnv, startServerProcess } from './server-process';
import type { BenchReport } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const LEVELS = [1, 4, 16];
const body = (c: number, i: number) =>
  JSON.stringify({
    values: { name: `Load ${c}-${i}`, email: `load${c}x${i}@bench.example`, company: 'Bench Inc' },
    visitorId: `visitor_${c}_${i}`,
    touchpoints: [
      {
        url: 'https://www.example.com/?utm_source=newsletter&utm_campaign=launch',
        referrer: 'https://mail.google.com/',
        occurredAt: new Date().toISOString(),
      },
    ],
  });

async function submissions(databaseUrl: string | undefined): Promise<LoadResult[]> {
  const server = await startServerProcess(loadTestEnv(databaseUrl));
  try {
    const url = `${server.url}/v1/public/forms/${server.demoFormId}/submissions`;
    await closedLoop(4, 1, (c, i) => postSubmission(url, body(c + 1000, i)));
    const out = [];
    for (const clients of LEVELS) {
      out.push(
        await closedLoop(clients, SECONDS, (c, i) =>
          postSubmission(url, body(c, i + clients * 1e6), `k-${clients}-${c}-${i}`),
        ),
      );
    }
    return out;
  } finally {
    await server.stop();
  }
}

const INSERT_TABLE =
  'CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())';

async function insertsPglite(): Promise<LoadResult[]> {
  const db = await PGlite.create();
  await db.exec(INSERT_TABLE);
  const out = [];
  for (const clients of LEVELS)
    out.push(
      await closedLoop(
        clients,
        SECONDS,
        async (c, i) => (await db.query('INSERT INTO bench_rows (payload) VALUES ($1)', [body(c, i)]), true),
      ),
    );
  await db.close();
  return out;
}

async function insertsPostgres(url: string): Promise<LoadResult[]> {
  const sql = postgres(url, { max: 16, onnotice: () => {} });
  await sql.unsafe(INSERT_TABLE);
  const out = [];
  for (const clients of LEVELS)
    out.push(
      await closedLoop(
        clients,
        SECONDS,
        async (c, i) => (await sql`INSERT INTO bench_rows (payload) VALUES (${body(c, i)}::jsonb)`, true),
      ),
    );
  await sql.end();
  return out;
}

function rows(db: string, subs: LoadResult[], inserts: LoadResult[]) {
  return subs.map((s, i) => ({
    database: db,
    clients: s.clients,
    'submissions/s': Math.round(s.perSecond),
    'p50 ms': s.p50ms,
    'p99 ms': s.p99ms,
    errors: s.errors,
    'plain INSERT/s': Math.round(inserts[i]!.perSecond),
    'INSERT p50 ms': inserts[i]!.p50ms,
    'submissions ÷ INSERTs': Math.round((s.perSecond / inserts[i]!.perSecond) * 1000) / 1000,
  }));
}

export async function run(): Promise<BenchReport> {
  const embedded = rows('embedded (PGlite)', await submissions(undefined), await insertsPglite());
  const cluster = await startPgCluster({ maxConnections: 100 });
  try {
    const real = rows('PostgreSQL 15', await submissions(cluster.url), await insertsPostgres(cluster.url));
    return {
      title: `Ingest through the local server (${SECONDS} s per level, closed loop, HTTP on loopback)`,
      rows: [...embedded, ...real],
      notes: [
        'A submission is one transaction: idempotency key, visitor upsert, lead, touchpoint, lead.created event, outbox row, routing (no rules here: the demo tenant has none), idempotent answer; then the after-commit outbox dispatch.',
        'PGlite runs in the server process on one connection, so concurrency queues; the real server takes concurrent transactions (pool of 10).',
      ],
    };
  } finally {
    cluster.stop();
  }
}
