import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import { CreateRepInput, Rep, RepListQuery, UpdateRepInput } from '../contracts/reps';
import { page } from '../db/queries/pagination';
import { findRep, listReps } from '../db/queries/reps';
import { notFound } from '../errors';
import { router } from '../router';
import { changeRep, createRep, removeRep } from '../verbs/reps';
import { presentRep } from './present-routing';
import { withCheckedSlackUrl } from './target-url';

const RepId = idParam('rep');
const tags = ['Reps'];

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createRep',
  tags,
  summary: 'Create a rep in one of your teams',
  request: { body: { required: true, ...json(CreateRepInput) } },
  responses: { 201: { description: 'Created', ...json(Rep) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listReps',
  tags,
  summary: 'List reps, newest first',
  request: { query: RepListQuery },
  responses: { 200: { description: 'A page of reps', ...json(listOf(Rep, 'RepList')) }, ...problemResponses(400, 401) },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getRep',
  tags,
  summary: 'Read a rep',
  request: { params: RepId },
  responses: { 200: { description: 'The rep', ...json(Rep) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateRep',
  tags,
  summary: 'Change a rep',
  request: { params: RepId, body: { required: true, ...json(UpdateRepInput) } },
  responses: {
    200: { description: 'The changed rep', ...json(Rep) },
    ...problemResponses(400, 401, 404, 409, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteRep',
  tags,
  summary: 'Delete a rep (refused while a routing rule names it or it owns open leads)',
  request: { params: RepId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404, 409) },
});

export const repRoutes = router()
  .openapi(create, async (c) => {
    const rep = await createRep(
      c.var.db,
      c.var.auth.tenantId,
      withCheckedSlackUrl(c, c.req.valid('json')),
      c.var.deps.now(),
    );
    return c.json(presentRep(rep), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const filters = { teamId: q.teamId, active: q.active === undefined ? undefined : q.active === 'true' };
    const p = page(await listReps(c.var.db, c.var.auth.tenantId, filters, q), q.limit);
    return c.json({ data: p.data.map(presentRep), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const rep = await findRep(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!rep) throw notFound('rep');
    return c.json(presentRep(rep), 200);
  })
  .openapi(update, async (c) => {
    const rep = await changeRep(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      withCheckedSlackUrl(c, c.req.valid('json')),
      c.var.deps.now(),
    );
    return c.json(presentRep(rep), 200);
  })
  .openapi(remove, async (c) => {
    await removeRep(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
