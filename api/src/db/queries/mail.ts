/**
 * Email messages in the outbox, for the local mailbox. The one query here that spans workspaces: the
 * mailbox belongs to whoever runs the server locally (it is served only then, see local/dev-mail.ts),
 * and account mail has no workspace at all.
 */
import { and, desc, like, sql } from 'drizzle-orm';
import type { MailPayload } from '../../mail';
import type { Database } from '../database';
import { deliveries, outbox } from '../schema';

/** The mailbox shows this many, newest first. */
const MAILBOX_LIMIT = 200;

export async function listMailMessages(db: Database, opts: { to?: string; notSentByProvider?: boolean }) {
  const rows = await db
    .select({ id: outbox.id, tenantId: outbox.tenantId, payload: outbox.payload, createdAt: outbox.createdAt })
    .from(outbox)
    .where(
      and(
        like(outbox.topic, 'mail.%'),
        opts.to ? sql`lower(${outbox.payload}->>'to') = ${opts.to.toLowerCase()}` : undefined,
        // A provider's answer has a status code; a caught mail's delivery has none.
        opts.notSentByProvider
          ? sql`not exists (select 1 from ${deliveries} where ${deliveries.messageId} = ${outbox.id} and ${deliveries.status} = 'delivered' and ${deliveries.lastStatusCode} is not null)`
          : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(MAILBOX_LIMIT);
  return rows.map((r) => ({ ...r, payload: r.payload as unknown as MailPayload }));
}
