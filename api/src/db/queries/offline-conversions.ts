import { sql } from 'drizzle-orm';
import { CLICK_ID_OF, type AdPlatform, type WonConversion } from '../../domain/offline-conversions';
import type { Database } from '../database';
import { rawRows } from './raw';

/**
 * Leads won in the range that carry the platform's click id, with the latest touch that has it
 * (the click closest to the conversion).
 */
export async function wonConversions(
  db: Database,
  q: { tenantId: string; platform: AdPlatform; from: Date; to: Date },
): Promise<WonConversion[]> {
  const param = CLICK_ID_OF[q.platform];
  const rows = await rawRows<{
    lead_id: string;
    click_id: string;
    clicked_at: string | Date;
    won_at: string | Date;
    amount: string;
    currency: string;
  }>(
    db,
    sql`
    select l.id as lead_id, c.click_id, c.occurred_at as clicked_at, l.closed_at as won_at, l.won_amount_minor::text as amount, l.currency
    from leads l
    cross join lateral (
      select tp.click_ids->>${param} as click_id, tp.occurred_at from touchpoints tp
      where tp.tenant_id = l.tenant_id and tp.lead_id = l.id and tp.click_ids ? ${param}
      order by tp.position desc limit 1
    ) c
    where l.tenant_id = ${q.tenantId} and l.status in ('won', 'churned') and l.won_amount_minor is not null
      and l.closed_at >= ${q.from.toISOString()}::timestamptz and l.closed_at < ${q.to.toISOString()}::timestamptz
    order by l.closed_at, l.id`,
  );
  return rows.map((r) => ({
    leadId: r.lead_id,
    clickId: r.click_id,
    clickedAt: new Date(r.clicked_at),
    wonAt: new Date(r.won_at),
    amountMinor: Number(r.amount),
    currency: r.currency,
  }));
}
