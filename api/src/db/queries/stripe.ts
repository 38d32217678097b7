/** The Stripe connection of a workspace, the customer ↔ lead map, and the Stripe events received. */
import { and, asc, desc, eq, gt, inArray, like, lte, or, sql, sum } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { StripeFact } from '../../domain/stripe-events';
import type { Database } from '../database';
import { leads, revenueEvents, stripeConnections, stripeCustomers, stripeEvents } from '../schema';

export type StripeConnectionRow = typeof stripeConnections.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;

export async function findStripeConnection(db: Database, tenantId: string) {
  const [row] = await db.select().from(stripeConnections).where(eq(stripeConnections.tenantId, tenantId)).limit(1);
  return row ?? null;
}

/** By the id in the endpoint URL: the URL names the workspace, the signature proves the sender. */
export async function findStripeConnectionById(db: Database, id: string) {
  const [row] = await db.select().from(stripeConnections).where(eq(stripeConnections.id, id)).limit(1);
  return row ?? null;
}

/**
 * Replaces a plaintext secret (a row from before sealing) by its sealed form, unless the secret was
 * rotated meanwhile (then the new row is sealed already).
 */
export async function sealStripeSecret(db: Database, id: string, plain: string, sealed: string) {
  await db
    .update(stripeConnections)
    .set({ signingSecret: sealed })
    .where(and(eq(stripeConnections.id, id), eq(stripeConnections.signingSecret, plain)));
}

/** Connects, or rotates the secret of the existing connection (its id, so its URL, stays). */
/** `signingSecret` arrives sealed (domain/secret-box.ts): the table never holds it in the clear. */
export async function upsertStripeConnection(db: Database, tenantId: string, signingSecret: string, now: Date) {
  const existing = await findStripeConnection(db, tenantId);
  const [row] = await db
    .insert(stripeConnections)
    .values({ id: newId('stripeConnection', now), tenantId, signingSecret, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: stripeConnections.tenantId, set: { signingSecret, updatedAt: now } })
    .returning();
  return { row: row!, created: !existing };
}

export async function deleteStripeConnection(db: Database, tenantId: string): Promise<boolean> {
  const rows = await db
    .delete(stripeConnections)
    .where(eq(stripeConnections.tenantId, tenantId))
    .returning({ id: stripeConnections.id });
  return rows.length > 0;
}

/** How many of the workspace's Stripe events were applied, wait for a lead, or were ignored (one grouped scan of its key range). */
export async function stripeEventCounts(db: Database, tenantId: string) {
  const rows = await db
    .select({ status: stripeEvents.status, n: sql<number>`count(*)::int` })
    .from(stripeEvents)
    .where(eq(stripeEvents.tenantId, tenantId))
    .groupBy(stripeEvents.status);
  const counts = { applied: 0, pending: 0, ignored: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function touchStripeConnection(db: Database, id: string, now: Date) {
  await db.update(stripeConnections).set({ lastEventAt: now }).where(eq(stripeConnections.id, id));
}

/** Stores the event unless its id was seen: null answers a replay. */
export async function insertStripeEvent(db: Database, row: typeof stripeEvents.$inferInsert) {
  const [out] = await db.insert(stripeEvents).values(row).onConflictDoNothing().returning();
  return out ?? null;
}

export async function settleStripeEvent(
  db: Database,
  e: Pick<StripeEventRow, 'tenantId' | 'eventId'>,
  set: { status: StripeEventRow['status']; leadId: string | null; note: string | null; appliedAt: Date | null },
) {
  await db
    .update(stripeEvents)
    .set(set)
    .where(and(eq(stripeEvents.tenantId, e.tenantId), eq(stripeEvents.eventId, e.eventId)));
}

export async function leadOfCustomer(db: Database, tenantId: string, customerId: string) {
  const [row] = await db
    .select({ leadId: stripeCustomers.leadId })
    .from(stripeCustomers)
    .where(and(eq(stripeCustomers.tenantId, tenantId), eq(stripeCustomers.customerId, customerId)))
    .limit(1);
  return row?.leadId ?? null;
}

/** Remembers the customer's lead; the first mapping wins (two events at once agree on it). */
export async function rememberCustomer(db: Database, tenantId: string, customerId: string, leadId: string, now: Date) {
  await db.insert(stripeCustomers).values({ tenantId, customerId, leadId, createdAt: now }).onConflictDoNothing();
  return (await leadOfCustomer(db, tenantId, customerId))!;
}

/**
 * The lead a Stripe customer's email names: the most recent one created by the time of the event, or,
 * when the customer paid before becoming a lead, the first one created after.
 */
export async function leadForStripeEmail(db: Database, tenantId: string, email: string, at: Date) {
  const base = and(eq(leads.tenantId, tenantId), eq(leads.email, email), sql`${leads.status} <> 'spam'`);
  const [before] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(base, lte(leads.createdAt, at)))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(1);
  if (before) return before.id;
  const [after] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(base, gt(leads.createdAt, at)))
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(1);
  return after?.id ?? null;
}

/** What the ledger holds as refunded of one charge so far (its entries are deltas of the cumulative amount). */
export async function refundedOfCharge(db: Database, tenantId: string, chargeId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(revenueEvents.amountMinor) })
    .from(revenueEvents)
    .where(
      and(
        eq(revenueEvents.tenantId, tenantId),
        like(revenueEvents.externalId, `stripe:${likeLiteral(chargeId)}:refunded:%`),
      ),
    );
  return Number(row?.total ?? 0);
}

/** `_` and `%` match anything in LIKE; a Stripe id (`ch_…`) is matched as written. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A workspace's waiting events that a customer, lead or email now may settle, oldest first, locked. */
export async function pendingFor(
  db: Database,
  tenantId: string,
  keys: { customerIds: string[]; leadIds: string[]; emails: string[] },
) {
  const match = [
    keys.customerIds.length ? inArray(stripeEvents.customerId, keys.customerIds) : undefined,
    keys.leadIds.length ? inArray(stripeEvents.leadId, keys.leadIds) : undefined,
    keys.emails.length ? inArray(stripeEvents.email, keys.emails) : undefined,
  ].filter((m) => m !== undefined);
  if (match.length === 0) return [];
  return db
    .select()
    .from(stripeEvents)
    .where(and(eq(stripeEvents.tenantId, tenantId), eq(stripeEvents.status, 'pending'), or(...match)))
    .orderBy(asc(stripeEvents.occurredAt), asc(stripeEvents.eventId))
    .limit(100)
    .for('update');
}

/**
 * Waiting events something may settle now, across workspaces (the scheduler's pass): a lead with
 * its email has appeared, its customer is known, or the lead it waits on is no longer open.
 */
export async function settleablePending(db: Database, batch: number) {
  return db
    .select({ tenantId: stripeEvents.tenantId, eventId: stripeEvents.eventId })
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.status, 'pending'),
        or(
          sql`exists (select 1 from ${leads} l where l.tenant_id = ${stripeEvents.tenantId} and l.email = ${stripeEvents.email} and l.status <> 'spam')`,
          sql`exists (select 1 from ${stripeCustomers} c where c.tenant_id = ${stripeEvents.tenantId} and c.customer_id = ${stripeEvents.customerId})`,
          sql`exists (select 1 from ${leads} l where l.tenant_id = ${stripeEvents.tenantId} and l.id = ${stripeEvents.leadId} and l.status not in ('open', 'waitlisted'))`,
        ),
      ),
    )
    .orderBy(asc(stripeEvents.occurredAt))
    .limit(batch);
}

export async function lockStripeEvent(db: Database, tenantId: string, eventId: string) {
  const [row] = await db
    .select()
    .from(stripeEvents)
    .where(and(eq(stripeEvents.tenantId, tenantId), eq(stripeEvents.eventId, eventId)))
    .for('update', { skipLocked: true });
  return row ?? null;
}

export type { StripeFact };
