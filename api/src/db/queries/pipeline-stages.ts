/** A workspace's pipeline stages, in order (position, then id). */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { DEFAULT_PIPELINE, type StageSpec } from '../../domain/pipeline';
import type { Database } from '../database';
import { leads, pipelineStages } from '../schema';
import { lastPlusOne } from './ordered';

export type StageRow = typeof pipelineStages.$inferSelect;

/** Serialises changes to a tenant's stages (places at the end, reorders, deletes against moves). */
export async function lockPipeline(db: Database, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pipeline:${tenantId}`}, 0))`);
}

export async function listStages(db: Database, tenantId: string): Promise<StageRow[]> {
  return db
    .select()
    .from(pipelineStages)
    .where(eq(pipelineStages.tenantId, tenantId))
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
}

/** `lock: 'update'` holds the row until commit (a delete waits for moves into it to commit first). */
export async function findStage(db: Database, tenantId: string, id: string, lock?: 'update'): Promise<StageRow | null> {
  const q = db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, id)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** `lock: 'share'`: a lead moved into the stage keeps it from being deleted until the move commits. */
export async function findStageByKey(
  db: Database,
  tenantId: string,
  key: string,
  lock?: 'share',
): Promise<StageRow | null> {
  const q = db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.key, key)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertStages(
  db: Database,
  tenantId: string,
  specs: readonly StageSpec[],
  now: Date,
): Promise<StageRow[]> {
  if (specs.length === 0) return [];
  const single = specs.length === 1;
  return db
    .insert(pipelineStages)
    .values(
      specs.map((s, i) => ({
        ...s,
        id: newId('stage', now),
        tenantId,
        position: single ? lastPlusOne(pipelineStages, tenantId) : i,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
}

/** The default pipeline of a new workspace (tenant creation calls it in its transaction). */
export const insertDefaultPipeline = (db: Database, tenantId: string, now: Date) =>
  insertStages(db, tenantId, DEFAULT_PIPELINE, now);

export async function updateStage(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<Omit<StageSpec, 'key'>>,
  now: Date,
) {
  const [row] = await db
    .update(pipelineStages)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteStage(db: Database, tenantId: string, id: string): Promise<void> {
  await db.delete(pipelineStages).where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, id)));
}

export async function leadsInStage(db: Database, tenantId: string, key: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.stage, key)));
  return row?.n ?? 0;
}

/**
 * A stall limit changed: leads in the stage not yet flagged this stay get the check time the new
 * limit gives (none without a limit), in one statement.
 */
export async function rescheduleStallChecks(db: Database, tenantId: string, stage: StageRow): Promise<void> {
  const at: SQL =
    stage.kind === 'open' && stage.stallDays !== null
      ? sql`${leads.stageEnteredAt} + make_interval(days => ${stage.stallDays})`
      : sql`null`;
  await db
    .update(leads)
    .set({ stallCheckAt: at })
    .where(
      and(
        eq(leads.tenantId, tenantId),
        eq(leads.stage, stage.key),
        sql`${leads.stalledAt} is null`,
        sql`${leads.status} in ('open', 'waitlisted')`,
      ),
    );
}

/**
 * The columns a new lead takes: the workspace's first open stage, entered now, with its stall check.
 * Subselects, so the lead is still written in one statement with no read before it.
 */
export function entryStage(tenantId: string, now: Date) {
  const first = (col: SQL) =>
    sql`(select ${col} from ${pipelineStages} where ${pipelineStages.tenantId} = ${tenantId} and ${pipelineStages.kind} = 'open'
      order by ${pipelineStages.position}, ${pipelineStages.id} limit 1)`;
  return {
    stage: first(sql`${pipelineStages.key}`),
    stageEnteredAt: now,
    stallCheckAt: first(sql`${now.toISOString()}::timestamptz + make_interval(days => ${pipelineStages.stallDays})`),
  };
}
