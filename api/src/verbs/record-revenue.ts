/**
 * A payment or refund recorded after the deal (`POST /v1/revenue`): credited to a lead by id, or by
 * email to the most recent lead with that email created before it. An `externalId` makes it
 * idempotent: the same id answers the first entry; the same id with other money is a conflict.
 */
import type { RecordRevenueInput } from '../contracts/revenue';
import type { Database } from '../db/database';
import { findLead } from '../db/queries/leads';
import { insertRevenueEntry, latestLeadByEmail, type RevenueRow } from '../db/queries/revenue';
import { markScoresDue } from '../db/queries/source-scores';
import { toMinorUnits } from '../domain/money';
import { ApiError, invalidFields, notFound } from '../errors';

export async function recordRevenue(
  db: Database,
  tenantId: string,
  input: RecordRevenueInput,
  now: Date,
): Promise<{ row: RevenueRow; created: boolean }> {
  const at = input.occurredAt ? new Date(input.occurredAt) : now;
  if (at > now) throw invalidFields([{ path: 'occurredAt', message: 'in the future' }]);
  const minor = toMinorUnits(input.amount, input.currency);
  if (!minor.ok) throw invalidFields([{ path: 'amount', message: minor.message }]);
  return db.transaction(async (tx) => {
    const leadId = input.leadId ?? (await latestLeadByEmail(tx, tenantId, input.email!, at));
    if (!leadId || !(await findLead(tx, tenantId, leadId)))
      throw input.email ? notFound('lead with that email before the payment') : notFound('lead');
    const entry = {
      tenantId,
      leadId,
      kind: input.kind,
      amountMinor: minor.minor,
      currency: input.currency,
      occurredAt: at,
      origin: 'api',
      externalId: input.externalId,
    } as const;
    const out = await insertRevenueEntry(tx, entry, now);
    if (out.created) await markScoresDue(tx, tenantId, now);
    const r = out.row;
    if (
      !out.created &&
      (r.kind !== entry.kind ||
        r.amountMinor !== entry.amountMinor ||
        r.currency !== entry.currency ||
        r.leadId !== leadId)
    ) {
      throw new ApiError(
        'conflict',
        `externalId "${input.externalId}" was recorded with other money (${r.kind} ${r.amountMinor} ${r.currency} minor units).`,
      );
    }
    return out;
  });
}

export function presentRevenue(r: RevenueRow) {
  return {
    id: r.id,
    leadId: r.leadId,
    kind: r.kind,
    amountMinor: r.amountMinor,
    currency: r.currency,
    occurredAt: r.occurredAt.toISOString(),
    externalId: r.externalId,
  };
}
