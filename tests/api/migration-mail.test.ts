/**
 * The mail migration (0014) on a database with rows from before it: existing messages, deliveries,
 * teams and reps keep working (reps get `immediate` email, teams no inbox), and afterwards only an
 * email may belong to no workspace, and a delivery has exactly one destination.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../api/src/db/migrate';
import { testDbKinds } from '../helpers/db';
import { emptyDatabase, folderBefore, rows } from '../helpers/migration-db';

describe.each(testDbKinds)('the mail migration on %s', (kind) => {
  let target: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    target = await emptyDatabase(kind);
  });
  afterAll(() => target.handle.close());

  it('keeps the rows stored before it, and allows a workspace-less row only for email', async () => {
    const db = target.handle.db;
    await target.migrate(folderBefore('0014_mail'));
    await target.exec(`
      insert into tenants (id, name, slug, time_zone, created_at) values ('ten_A', 'A', 'ten-a', 'UTC', now());
      insert into teams (id, tenant_id, name) values ('team_A', 'ten_A', 'Sales');
      insert into reps (id, tenant_id, team_id, name, email) values ('rep_A', 'ten_A', 'team_A', 'Ada', 'ada@x.example');
      insert into outbox (id, tenant_id, topic, payload, created_at) values ('msg_A', 'ten_A', 'lead.created', '{}', now());
      insert into deliveries (id, tenant_id, message_id, slack_url, next_attempt_at, created_at)
        values ('dlv_A', 'ten_A', 'msg_A', 'https://hooks.slack.com/x', now(), now());
    `);
    await target.migrate(MIGRATIONS_FOLDER);

    expect(await rows(db, sql`select email_notifications from reps`)).toEqual([{ email_notifications: 'immediate' }]);
    expect(await rows(db, sql`select email from teams`)).toEqual([{ email: null }]);
    expect(await rows(db, sql`select id, tenant_id, mail_to from deliveries`)).toEqual([
      { id: 'dlv_A', tenant_id: 'ten_A', mail_to: null },
    ]);

    // Account email belongs to no workspace; nothing else may.
    await target.exec(`
      insert into outbox (id, tenant_id, topic, payload, created_at) values ('msg_M', null, 'mail.reset_password', '{}', now());
      insert into deliveries (id, tenant_id, message_id, mail_to, next_attempt_at, created_at)
        values ('dlv_M', null, 'msg_M', 'ada@x.example', now(), now());
    `);
    await expect(
      target.exec(
        `insert into outbox (id, tenant_id, topic, payload, created_at) values ('msg_X', null, 'lead.created', '{}', now())`,
      ),
    ).rejects.toThrow(/outbox_tenant_unless_mail/);
    await expect(
      target.exec(`insert into deliveries (id, tenant_id, message_id, slack_url, next_attempt_at, created_at)
        values ('dlv_X', null, 'msg_A', 'https://hooks.slack.com/y', now(), now())`),
    ).rejects.toThrow(/deliveries_tenant_unless_mail/);
    await expect(
      target.exec(`insert into deliveries (id, tenant_id, message_id, slack_url, mail_to, next_attempt_at, created_at)
        values ('dlv_Y', 'ten_A', 'msg_M', 'https://hooks.slack.com/y', 'a@x.example', now(), now())`),
    ).rejects.toThrow(/deliveries_one_destination/);
  });
});
