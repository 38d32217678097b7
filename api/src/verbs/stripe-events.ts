/**
 * A Stripe event, verified, becomes money on a lead, in one transaction: stored once per event id,
 * matched to its lead (the customer id remembered, else the customer's email), applied to the ledger
 * and the lead's lifecycle. What matches nobody yet waits and is settled when its customer appears
 * (a later event, or the scheduler once a lead with the email exists). Each write is keyed by the
 * Stripe object it comes from, so events in any order give the same totals.
 */
import type { Database } from '../db/database';
import { insertRevenueEntry } from '../db/queries/revenue';
import { markScoresDue } from '../db/queries/source-scores';
import {
  insertStripeEvent,
  leadForStripeEmail,
  leadOfCustomer,
  lockStripeEvent,
  pendingFor,
  refundedOfCharge,
  rememberCustomer,
  settleablePending,
  settleStripeEvent,
  type StripeEventRow,
} from '../db/queries/stripe';
import { decimalOfMinor, factEmail, ledgerIdOf, type StripeFact } from '../domain/stripe-events';
import { lockLead, recordLeadEvent } from './record-lead-event';

export interface StripeEventIn {
  tenantId: string;
  connectionId: string;
  eventId: string;
  type: string;
  fact: StripeFact;
  now: Date;
}

export type StripeOutcome = 'applied' | 'pending' | 'ignored' | 'duplicate';

interface Applied {
  status: StripeEventRow['status'];
  leadId: string | null;
  note: string | null;
  messageIds: string[];
}

/** Passes over a lead's waiting events after one settles (each pass may unblock the next: a win, then a churn). */
const MAX_PASSES = 5;

export async function receiveStripeEvent(
  db: Database,
  e: StripeEventIn,
): Promise<{ outcome: StripeOutcome; leadId: string | null; messageIds: string[] }> {
  return db.transaction(async (tx) => {
    const row = await insertStripeEvent(tx, {
      tenantId: e.tenantId,
      eventId: e.eventId,
      connectionId: e.connectionId,
      type: e.type,
      customerId: e.fact.customerId,
      email: factEmail(e.fact),
      fact: e.fact,
      occurredAt: new Date(e.fact.occurredAt),
      status: 'pending',
      receivedAt: e.now,
    });
    if (!row) return { outcome: 'duplicate' as const, leadId: null, messageIds: [] };
    const out = await settle(tx, row, `stripe:${e.connectionId}`, e.now);
    const more = out.leadId ? await settleWaiting(tx, row, out.leadId, e.now) : [];
    return { outcome: out.status, leadId: out.leadId, messageIds: [...out.messageIds, ...more] };
  });
}

/** The scheduler's pass: waiting events whose customer or lead has appeared since. */
export async function settlePendingStripeEvents(db: Database, now: Date, batch = 200): Promise<number> {
  const due = await settleablePending(db, batch);
  let settled = 0;
  for (const { tenantId, eventId } of due) {
    const status = await db.transaction(async (tx) => {
      const row = await lockStripeEvent(tx, tenantId, eventId);
      if (row?.status !== 'pending') return null;
      const out = await settle(tx, row, `stripe:${row.connectionId ?? 'scheduler'}`, now);
      if (out.leadId) await settleWaiting(tx, row, out.leadId, now);
      return out.status;
    });
    if (status && status !== 'pending') settled++;
  }
  return settled;
}

/** Matches and applies one stored event, and records what became of it. */
async function settle(tx: Database, row: StripeEventRow, actor: string, now: Date): Promise<Applied> {
  const leadId = await matchLead(tx, row, now);
  const out: Applied = leadId
    ? await apply(tx, row.tenantId, leadId, row.fact, actor, now)
    : { status: 'pending', leadId: null, note: 'no lead matches its customer yet', messageIds: [] };
  await settleStripeEvent(tx, row, {
    status: out.status,
    leadId: out.leadId,
    note: out.note,
    appliedAt: out.status === 'applied' ? now : null,
  });
  return out;
}

async function matchLead(tx: Database, row: StripeEventRow, now: Date): Promise<string | null> {
  const { tenantId, customerId, email } = row;
  let leadId = row.leadId ?? (customerId ? await leadOfCustomer(tx, tenantId, customerId) : null);
  if (!leadId && email) leadId = await leadForStripeEmail(tx, tenantId, email, row.occurredAt);
  if (leadId && customerId) leadId = await rememberCustomer(tx, tenantId, customerId, leadId, now);
  return leadId;
}

/** After an event settles: the same customer's or lead's waiting events, oldest first. */
async function settleWaiting(tx: Database, first: StripeEventRow, leadId: string, now: Date): Promise<string[]> {
  const ids: string[] = [];
  const keys = {
    customerIds: first.customerId ? [first.customerId] : [],
    leadIds: [leadId],
    emails: first.email ? [first.email] : [],
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let progressed = false;
    for (const row of await pendingFor(tx, first.tenantId, keys)) {
      if (row.eventId === first.eventId) continue;
      const out = await settle(tx, row, `stripe:${row.connectionId ?? 'scheduler'}`, now);
      ids.push(...out.messageIds);
      if (out.status !== 'pending') progressed = true;
    }
    if (!progressed) break;
  }
  return ids;
}

async function apply(
  tx: Database,
  tenantId: string,
  leadId: string,
  fact: StripeFact,
  actor: string,
  now: Date,
): Promise<Applied> {
  const lead = await lockLead(tx, tenantId, leadId);
  // A time from Stripe is never after our own clock (lead events refuse the future).
  const at = new Date(Math.min(new Date(fact.occurredAt).getTime(), now.getTime()));
  const done = (note: string | null, messageIds: string[] = []): Applied => ({
    status: 'applied',
    leadId,
    note,
    messageIds,
  });
  const ignored = (note: string): Applied => ({ status: 'ignored', leadId, note, messageIds: [] });
  if (lead.status === 'spam') return ignored('the lead is spam');
  const ledger = async (kind: 'payment' | 'refund' | 'churn', amountMinor: number, currency: string) => {
    const entry = { tenantId, leadId, kind, amountMinor, currency, occurredAt: at, origin: 'stripe' as const };
    const out = await insertRevenueEntry(tx, { ...entry, externalId: ledgerIdOf(fact) }, now);
    if (out.created) await markScoresDue(tx, tenantId, now);
  };
  const event = (input: Parameters<typeof recordLeadEvent>[1]['event']) =>
    recordLeadEvent(tx, { tenantId, leadId, event: input, actor, now });

  switch (fact.kind) {
    case 'payment': {
      // The first paid invoice of a lead not yet won is the deal: `won`, with the invoice's amount.
      if (lead.status === 'open' || lead.status === 'waitlisted') {
        const won = await event({
          type: 'won',
          amount: decimalOfMinor(fact.amountMinor, fact.currency),
          currency: fact.currency,
          occurredAt: at.toISOString(),
        });
        return done('won', won.messageIds);
      }
      await ledger('payment', fact.amountMinor, fact.currency);
      return done(null);
    }
    case 'refund': {
      // `amount_refunded` is cumulative: record what is new, so a late smaller total adds nothing.
      const delta = fact.refundedMinor - (await refundedOfCharge(tx, tenantId, fact.chargeId));
      if (delta <= 0) return done('already refunded');
      const out = await insertRevenueEntry(
        tx,
        {
          tenantId,
          leadId,
          kind: 'refund',
          amountMinor: delta,
          currency: fact.currency,
          occurredAt: at,
          origin: 'stripe',
          externalId: ledgerIdOf(fact),
        },
        now,
      );
      if (out.created) await markScoresDue(tx, tenantId, now);
      return done(null);
    }
    case 'churn': {
      if (lead.status === 'open' || lead.status === 'waitlisted')
        return { status: 'pending', leadId, note: 'waiting for the lead to be won', messageIds: [] };
      if (lead.status === 'lost') return ignored('the lead is lost');
      const own = fact.amountMinor !== null && fact.currency === lead.currency;
      if (lead.status === 'won') {
        const churned = await event({
          type: 'churned',
          occurredAt: at.toISOString(),
          reason: 'Stripe subscription deleted',
          ...(own ? { lostAmount: decimalOfMinor(fact.amountMinor!, lead.currency!) } : {}),
        });
        return done('churned', churned.messageIds);
      }
      // Already churned (another subscription of the same customer): its revenue is lost too.
      const amount = own ? fact.amountMinor! : (lead.wonAmountMinor ?? 0);
      if (amount > 0 && lead.currency) await ledger('churn', amount, lead.currency);
      return done(null);
    }
  }
}
