/**
 * The growth-loop migration on a database that has data from before it: amounts stored × 100 in
 * every currency become each currency's minor units, free-text stages become stages, every
 * workspace gets the default pipeline, and the money ledger starts with the deals already won.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../api/src/db/database';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { openPostgres } from '../../api/src/db/postgres';
import { testDbKinds, type TestDbKind } from '../helpers/db';
import { databaseUrl } from '../helpers/pg-cluster';

const TAG = '0011_growth_loop';

/** The migrations folder as it was before this one. */
function folderBefore(): string {
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
async function rows(db: Database, q: ReturnType<typeof sql>): Promise<any[]> {
  const r = (await db.execute(q)) as unknown;
  return Array.isArray(r) ? [...r] : ((r as { rows?: any[] }).rows ?? []);
}

/** An empty database (no migration applied), a way to run several statements at once, and its migrator. */
async function emptyDatabase(kind: TestDbKind) {
  if (kind === 'pglite') {
    const client = new PGlite();
    const db = drizzle({ client }) as unknown as Database;
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

describe.each(testDbKinds)('the growth-loop migration on %s', (kind) => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase(kind);
  });
  afterAll(() => target.handle.close());

  it('converts money, stages and the ledger that were stored before it', async () => {
    const db = target.handle.db;
    await target.migrate(folderBefore());
    await target.exec(`
      insert into tenants (id, name, time_zone, created_at) values ('ten_A', 'A', 'UTC', now());
      insert into forms (id, tenant_id, name, fields, allowed_origins) values ('frm_A', 'ten_A', 'F', '[]', '[]');
      insert into sla_policies (id, tenant_id, name, position, condition, targets, escalation, pause_stages)
        values ('sla_A', 'ten_A', 'P', 0, '{"all":[]}', '{"firstResponseMinutes":5,"clock":"calendar"}', '{}', '["waiting_on_customer"]');
      insert into leads (id, tenant_id, form_id, values, status, stage, won_amount_minor, currency, closed_at) values
        ('lead_JPY', 'ten_A', 'frm_A', '{}', 'won', 'demo', 150000, 'JPY', '2026-11-01T00:00:00Z'),
        ('lead_KWD', 'ten_A', 'frm_A', '{}', 'won', null, 1234500, -- 12345 KWD, stored × 100
        'KWD', '2026-11-02T00:00:00Z'),
        ('lead_USD', 'ten_A', 'frm_A', '{}', 'churned', 'Demo Booked', 3333, 'USD', '2026-11-03T00:00:00Z'),
        ('lead_OPEN', 'ten_A', 'frm_A', '{}', 'open', null, null, null, null);
    `);
    await target.migrate(MIGRATIONS_FOLDER);

    const leads = await rows(db, sql`select id, stage, won_amount_minor::int as minor from leads order by id`);
    expect(leads).toEqual([
      { id: 'lead_JPY', stage: 'demo', minor: 1500 },
      { id: 'lead_KWD', stage: 'won', minor: 12345000 },
      { id: 'lead_OPEN', stage: 'new', minor: null },
      { id: 'lead_USD', stage: 'Demo Booked', minor: 3333 },
    ]);
    const stages = await rows(
      db,
      sql`select key, kind, position from pipeline_stages where tenant_id = 'ten_A' order by position`,
    );
    expect(stages.map((s: any) => s.key)).toEqual([
      'new',
      'qualified',
      'proposal',
      'Demo Booked',
      'demo',
      'waiting_on_customer',
      'won',
      'lost',
    ]);
    expect(new Set(stages.map((s: any) => s.position)).size).toBe(stages.length);
    const ids = (await rows(db, sql`select id from pipeline_stages`)).map((r: any) => r.id as string);
    for (const id of ids) expect(id).toMatch(/^stg_[0-9A-HJKMNP-TV-Z]{26}$/);
    const ledger = await rows(
      db,
      sql`select lead_id, kind, amount_minor::int as minor, currency from revenue_events order by lead_id, kind`,
    );
    expect(ledger).toEqual([
      { lead_id: 'lead_JPY', kind: 'deal', minor: 1500, currency: 'JPY' },
      { lead_id: 'lead_KWD', kind: 'deal', minor: 12345000, currency: 'KWD' },
      { lead_id: 'lead_USD', kind: 'churn', minor: 3333, currency: 'USD' },
      { lead_id: 'lead_USD', kind: 'deal', minor: 3333, currency: 'USD' },
    ]);
  });
});
