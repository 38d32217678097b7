import { createRoute } from '@hono/zod-openapi';
import { idParam, json, problemResponses } from '../contracts/common';
import { CreateStageInput, ReorderStagesInput, Stage, StageList, UpdateStageInput } from '../contracts/pipeline';
import { listStages, type StageRow } from '../db/queries/pipeline-stages';
import { router } from '../router';
import { changeStage, createStage, removeStage, reorderStages } from '../verbs/pipeline-stages';

const tags = ['Pipeline'];
const StageId = idParam('stage');

export function presentStage(s: StageRow) {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    kind: s.kind,
    countsAsQualified: s.countsAsQualified,
    stallDays: s.stallDays,
    entryCriteria: s.entryCriteria,
    position: s.position,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listPipelineStages',
  summary: 'List the pipeline stages in order',
  responses: { 200: { description: 'Every stage, in pipeline order', ...json(StageList) }, ...problemResponses(401) },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'createPipelineStage',
  summary: 'Add a stage at the end of the pipeline',
  request: { body: { required: true, ...json(CreateStageInput) } },
  responses: { 201: { description: 'Created', ...json(Stage) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  operationId: 'updatePipelineStage',
  summary: 'Rename or change a stage (its key stays)',
  request: { params: StageId, body: { required: true, ...json(UpdateStageInput) } },
  responses: {
    200: { description: 'The changed stage', ...json(Stage) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  operationId: 'deletePipelineStage',
  summary: 'Delete a stage no lead is in (409 otherwise)',
  request: { params: StageId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404, 409) },
});
const reorder = createRoute({
  method: 'post',
  path: '/reorder',
  tags,
  operationId: 'reorderPipelineStages',
  summary: 'Set the order of all stages at once',
  request: { body: { required: true, ...json(ReorderStagesInput) } },
  responses: { 204: { description: 'Reordered' }, ...problemResponses(400, 401, 413, 415, 422) },
});

export const pipelineStageRoutes = router()
  .openapi(list, async (c) =>
    c.json({ data: (await listStages(c.var.db, c.var.auth.tenantId)).map(presentStage) }, 200),
  )
  .openapi(create, async (c) =>
    c.json(presentStage(await createStage(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now())), 201),
  )
  .openapi(reorder, async (c) => {
    await reorderStages(c.var.db, c.var.auth.tenantId, c.req.valid('json').ids, c.var.deps.now());
    return c.body(null, 204);
  })
  .openapi(update, async (c) => {
    const row = await changeStage(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    return c.json(presentStage(row), 200);
  })
  .openapi(remove, async (c) => {
    await removeStage(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
