/**
 * Writes to a workspace's pipeline. Each takes the pipeline lock first, so places at the end, reorders
 * and deletes never interleave, and a stage cannot be deleted while a lead is moved into it.
 */
import type { CreateStageInput, UpdateStageInput } from '../contracts/pipeline';
import type { Database } from '../db/database';
import {
  deleteStage,
  findStage,
  findStageByKey,
  insertStages,
  leadsInStage,
  lockPipeline,
  rescheduleStallChecks,
  updateStage,
  type StageRow,
} from '../db/queries/pipeline-stages';
import { pipelineStages } from '../db/schema';
import { stageKeyFromName } from '../domain/pipeline';
import { ApiError, invalidFields, notFound } from '../errors';
import { reorder } from './reorder';

export function createStage(db: Database, tenantId: string, input: CreateStageInput, now: Date): Promise<StageRow> {
  return db.transaction(async (tx) => {
    await lockPipeline(tx, tenantId);
    const key = input.key ?? stageKeyFromName(input.name);
    if (await findStageByKey(tx, tenantId, key))
      throw invalidFields([{ path: input.key ? 'key' : 'name', message: `a stage with key "${key}" exists` }]);
    const [row] = await insertStages(tx, tenantId, [{ ...input, key }], now);
    return row!;
  });
}

export function changeStage(
  db: Database,
  tenantId: string,
  id: string,
  patch: UpdateStageInput,
  now: Date,
): Promise<StageRow> {
  return db.transaction(async (tx) => {
    await lockPipeline(tx, tenantId);
    const before = await findStage(tx, tenantId, id);
    if (!before) throw notFound('pipeline stage');
    const row = (await updateStage(tx, tenantId, id, patch, now))!;
    if (row.stallDays !== before.stallDays || row.kind !== before.kind) await rescheduleStallChecks(tx, tenantId, row);
    return row;
  });
}

/** A stage leads are in cannot go: they would name a key that no longer exists (409, move them first). */
export function removeStage(db: Database, tenantId: string, id: string): Promise<void> {
  return db.transaction(async (tx) => {
    await lockPipeline(tx, tenantId);
    // Locked: a move into the stage holds it in share mode, so the count below sees that lead.
    const stage = await findStage(tx, tenantId, id, 'update');
    if (!stage) throw notFound('pipeline stage');
    const n = await leadsInStage(tx, tenantId, stage.key);
    if (n > 0)
      throw new ApiError(
        'conflict',
        `${n} lead${n === 1 ? ' is' : 's are'} in stage "${stage.key}": move ${n === 1 ? 'it' : 'them'} first.`,
        { leads: n },
      );
    await deleteStage(tx, tenantId, id);
  });
}

export function reorderStages(db: Database, tenantId: string, ids: string[], now: Date): Promise<void> {
  return db.transaction(async (tx) => {
    await lockPipeline(tx, tenantId);
    await reorder(tx, pipelineStages, tenantId, ids, { one: 'pipeline stage', all: 'pipeline stages' }, now);
  });
}
