/**
 * The growth-loop migration on a database that has data from before it: amounts stored × 100 in
 * every currency become each currency's minor units, free-text stages become stages, every
 * workspace gets the default pipeline, and the money ledger starts with the deals already won.
 */
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { emptyDatabase, folderBefore, rows } from '../helpers/migration-db';

const TAG = '0011_growth_loop';

describe.each(testDbKinds)('the growth-loop migration on %s', (kind) => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase(kind);
  });
  afterAll(() => target.handle.close());

  it('converts money, stages and the ledger that were stored before it', async () => {
    const db = target.handle.db;
    await target.migrate(folderBefore(TAG));
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
