/** Source quality scores: scheduled, computed in one statement per workspace, read by submissions. */
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { TouchFacts } from '../../domain/lead-facts';
import { SCORE_INTERVAL_MS, SCORE_WINDOW_DAYS, type ScoreDimension } from '../../domain/retention';
import type { Database } from '../database';
import { sourceScores, sourceScoreSchedule } from '../schema';

/** Revenue or churn was recorded: the workspace's scores are due now (in the caller's transaction). */
export async function markScoresDue(db: Database, tenantId: string, now: Date): Promise<void> {
  await db
    .insert(sourceScoreSchedule)
    .values({ tenantId, nextAt: now })
    .onConflictDoUpdate({
      target: sourceScoreSchedule.tenantId,
      set: { nextAt: sql`least(${sourceScoreSchedule.nextAt}, excluded.next_at)` },
    });
}

/** Workspaces whose scores are due, locked (SKIP LOCKED: two schedulers never compute the same one). */
export async function claimDueScores(tx: Database, now: Date, batch: number): Promise<string[]> {
  const rows = await tx
    .select({ tenantId: sourceScoreSchedule.tenantId })
    .from(sourceScoreSchedule)
    .where(lte(sourceScoreSchedule.nextAt, now))
    .orderBy(asc(sourceScoreSchedule.nextAt))
    .limit(batch)
    .for('update', { skipLocked: true });
  return rows.map((r) => r.tenantId);
}

/**
 * Recomputes a workspace's scores from the leads of the last year: per first-touch source, campaign
 * and channel, the leads and the net money (deals + payments − refunds − churn) in the currency most
 * of the key's won leads paid in. Replaces the stored scores and schedules the next run.
 */
export async function computeScores(tx: Database, tenantId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SCORE_WINDOW_DAYS * 86_400_000).toISOString();
  await tx.delete(sourceScores).where(eq(sourceScores.tenantId, tenantId));
  const inserted = await tx.execute(sql`
    with l as (
      select id, currency, status in ('won', 'churned') as won,
        coalesce(first_touch->>'source', '(none)') as source, coalesce(first_touch->>'campaign', '(none)') as campaign,
        coalesce(first_channel, 'direct') as channel
      from leads where tenant_id = ${tenantId} and status <> 'spam' and created_at >= ${since}::timestamptz
    ),
    keyed as (
      select 'source' as dimension, source as key, id, currency, won from l
      union all select 'campaign', campaign, id, currency, won from l
      union all select 'channel', channel, id, currency, won from l
    ),
    counts as (select dimension, key, count(*)::int as leads from keyed group by 1, 2),
    main as (
      select distinct on (dimension, key) dimension, key, currency from keyed where currency is not null
      group by 1, 2, 3 order by dimension, key, count(*) filter (where won) desc, currency
    ),
    net as (
      select k.dimension, k.key, r.currency,
        sum(case r.kind when 'refund' then -r.amount_minor when 'churn' then -r.amount_minor else r.amount_minor end) as net
      from keyed k join revenue_events r on r.tenant_id = ${tenantId} and r.lead_id = k.id group by 1, 2, 3
    )
    insert into source_scores (tenant_id, dimension, key, currency, leads, net_minor, score, computed_at)
    select ${tenantId}, c.dimension, c.key, m.currency, c.leads, coalesce(n.net, 0), coalesce(n.net, 0)::float8 / c.leads, ${now.toISOString()}::timestamptz
    from counts c left join main m on m.dimension = c.dimension and m.key = c.key
      left join net n on n.dimension = c.dimension and n.key = c.key and n.currency = m.currency
    returning 1`);
  await tx
    .update(sourceScoreSchedule)
    .set({ nextAt: new Date(now.getTime() + SCORE_INTERVAL_MS), computedAt: now })
    .where(eq(sourceScoreSchedule.tenantId, tenantId));
  return Array.isArray(inserted) ? inserted.length : ((inserted as { rows?: unknown[] }).rows?.length ?? 0);
}

export type QualityFacts = Record<ScoreDimension, number | null>;

/** The stored scores of a lead's first touch (what routing and SLA conditions read as `quality.*`). */
export async function storedQuality(
  db: Database,
  tenantId: string,
  firstTouch: TouchFacts | null,
): Promise<QualityFacts> {
  const keys: Record<ScoreDimension, string> = {
    source: firstTouch?.source ?? '(none)',
    campaign: firstTouch?.campaign ?? '(none)',
    channel: firstTouch?.channel ?? 'direct',
  };
  const rows = await db
    .select({ dimension: sourceScores.dimension, score: sourceScores.score })
    .from(sourceScores)
    .where(
      and(
        eq(sourceScores.tenantId, tenantId),
        or(
          ...(Object.entries(keys) as [ScoreDimension, string][]).map(([d, k]) =>
            and(eq(sourceScores.dimension, d), eq(sourceScores.key, k)),
          ),
        ),
      ),
    );
  const out: QualityFacts = { source: null, campaign: null, channel: null };
  for (const r of rows) out[r.dimension] = r.score;
  return out;
}

export async function listScores(db: Database, tenantId: string, dimension: ScoreDimension, keys?: string[]) {
  return db
    .select()
    .from(sourceScores)
    .where(
      and(
        eq(sourceScores.tenantId, tenantId),
        eq(sourceScores.dimension, dimension),
        keys ? inArray(sourceScores.key, keys) : undefined,
      ),
    )
    .orderBy(asc(sourceScores.key));
}
