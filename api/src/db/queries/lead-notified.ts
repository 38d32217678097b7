/**
 * When a lead's owner was first told of it: the end of Inlet's own part of the response time (the
 * SLA report's system delay). Set by the first successful delivery of its `lead.assigned` message,
 * or at fan-out when that message has no destination at all (the lead is then only in the
 * dashboard, where it appeared on assignment).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { leads, outbox } from '../schema';

export async function markLeadNotified(db: Database, messageId: string, at: Date): Promise<void> {
  await db
    .update(leads)
    .set({ notifiedAt: sql`coalesce(${leads.notifiedAt}, ${at.toISOString()}::timestamptz)` })
    .where(
      sql`(${leads.tenantId}, ${leads.id}) = (select ${outbox.tenantId}, ${outbox.payload}->>'leadId' from ${outbox} where ${outbox.id} = ${messageId} and ${outbox.topic} = 'lead.assigned')`,
    );
}
