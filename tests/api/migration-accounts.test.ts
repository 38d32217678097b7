/**
 * The accounts migration (0013) on a database with data from before it: tenants get a unique slug
 * from their id, their keys and leads keep working through the API, and such a tenant can be
 * given an owner who then signs in and sees the same leads.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { hashApiKey } from '../../api/src/domain/api-keys';
import { createNodeApp } from '../../api/src/local/node-app';
import { addOwner } from '../../api/src/verbs/people';
import { testDbKinds } from '../helpers/db';
import { PUBLIC_URL, TEST_AUTH_SECRET } from '../helpers/harness';
import { emptyDatabase, folderBefore, rows } from '../helpers/migration-db';

const SECRET = 'sk_live_beforeaccounts0123456789abcdefghijklmnop';

describe.each(testDbKinds)('the accounts migration on %s', (kind) => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase(kind);
  }, 60_000);
  afterAll(() => target.handle.close());

  it('keeps tenants, keys and leads working, and lets such a tenant get an owner', async () => {
    await target.migrate(folderBefore('0013_accounts'));
    await target.exec(`
      insert into tenants (id, name, time_zone, created_at) values
        ('ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'Old A', 'UTC', now()),
        ('ten_01JD3Q5V7X9K2M4N6P8R0S2T4W', 'Old B', 'UTC', now());
      insert into api_keys (id, tenant_id, name, prefix, hash) values
        ('key_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'k', 'sk_live_befo', '${await hashApiKey(SECRET)}');
      insert into forms (id, tenant_id, name, fields, allowed_origins) values
        ('frm_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'F', '[]', '[]');
      insert into leads (id, tenant_id, form_id, values, status) values
        ('lead_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V', '{"email":"a@example.com"}', 'open');
    `);
    await target.migrate(MIGRATIONS_FOLDER);

    const db = target.handle.db;
    expect(await rows(db, sql`select id, slug from tenants order by id`)).toEqual([
      { id: 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', slug: 'ten_01jd3q5v7x9k2m4n6p8r0s2t4v' },
      { id: 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4W', slug: 'ten_01jd3q5v7x9k2m4n6p8r0s2t4w' },
    ]);

    const { app } = createNodeApp({
      handle: target.handle,
      accounts: { secret: TEST_AUTH_SECRET, publicUrl: PUBLIC_URL },
    });
    const byKey = await app.request('/v1/leads', { headers: { authorization: `Bearer ${SECRET}` } });
    expect(byKey.status).toBe(200);
    const leads = ((await byKey.json()) as { data: { id: string }[] }).data.map((l) => l.id);
    expect(leads).toEqual(['lead_01JD3Q5V7X9K2M4N6P8R0S2T4V']);

    const owner = await addOwner(
      db,
      { tenantId: 'ten_01JD3Q5V7X9K2M4N6P8R0S2T4V', email: 'Boss@Example.com' },
      new Date(),
    );
    expect(owner.ownerPassword).toEqual(expect.any(String));
    const signIn = await app.request('/v1/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC_URL },
      body: JSON.stringify({ email: 'boss@example.com', password: owner.ownerPassword }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const bySession = await app.request('/v1/leads', { headers: { cookie } });
    expect(bySession.status).toBe(200);
    expect(((await bySession.json()) as { data: { id: string }[] }).data.map((l) => l.id)).toEqual(leads);
  }, 120_000);
});
