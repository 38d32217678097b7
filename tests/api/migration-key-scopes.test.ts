/**
 * The key-scopes migration on a database that has keys from before it: they become `full` (so
 * every script keeps working) with nobody recorded as their maker, and still authenticate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { findTenantByKeyHash } from '../../api/src/db/queries/api-keys';
import { testDbKinds } from '../helpers/db';
import { emptyDatabase, folderBefore, rows } from '../helpers/migration-db';

// Keys as the database held them before today's migrations (accounts among them) and this one.
const LAST_BEFORE_KEY_SCOPES = '0012_view_visitors';
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
const FIRST_AFTER =
  journal.entries[journal.entries.findIndex((e: { tag: string }) => e.tag === LAST_BEFORE_KEY_SCOPES) + 1].tag;

describe.each(testDbKinds)('the key-scopes migration on %s', (kind) => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase(kind);
  });
  afterAll(() => target.handle.close());

  it('makes every existing key full, made by nobody, and the key still finds its tenant', async () => {
    const db = target.handle.db;
    await target.migrate(folderBefore(FIRST_AFTER));
    await target.exec(`
      insert into tenants (id, name) values ('ten_old', 'Old');
      insert into api_keys (id, tenant_id, name, prefix, hash, kind) values
        ('key_a', 'ten_old', 'Default secret key', 'sk_live_aaaa', 'hash-a', 'secret'),
        ('key_b', 'ten_old', 'Demo key (npm start)', 'sk_live_bbbb', 'hash-b', 'demo');
      update api_keys set revoked_at = now() where id = 'key_b';
    `);
    await target.migrate(MIGRATIONS_FOLDER);
    // As text: postgres.js here does not fetch array types, so a raw text[] would arrive unparsed.
    const keys = await rows(
      db,
      sql`select id, array_to_string(scopes, ',') as scopes, created_by from api_keys order by id`,
    );
    expect(keys).toEqual([
      { id: 'key_a', scopes: 'full', created_by: null },
      { id: 'key_b', scopes: 'full', created_by: null },
    ]);
    expect(await findTenantByKeyHash(db, 'hash-a')).toMatchObject({ tenantId: 'ten_old', scopes: ['full'] });
  });
});
