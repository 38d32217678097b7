import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import {
  CreateSlaPolicyInput,
  ReorderSlaPoliciesInput,
  SlaPolicy,
  SlaPolicyListQuery,
  UpdateSlaPolicyInput,
} from '../contracts/sla-policies';
import { orderedPage } from '../db/queries/ordered';
import { deleteSlaPolicy, findSlaPolicy, listSlaPolicies } from '../db/queries/sla-policies';
import { notFound } from '../errors';
import { router } from '../router';
import { changeSlaPolicy, createSlaPolicy, reorderSlaPolicies } from '../verbs/sla-policies';
import { presentSlaPolicy } from './present-policies';

const SlaPolicyId = idParam('slaPolicy');
const tags = ['SLA policies'];
const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createSlaPolicy',
  tags,
  summary: 'Create an SLA policy',
  request: { body: { required: true, ...json(CreateSlaPolicyInput) } },
  responses: { 201: { description: 'Created', ...json(SlaPolicy) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listSlaPolicies',
  tags,
  summary: 'List SLA policies in the order they are tried (position, then id)',
  request: { query: SlaPolicyListQuery },
  responses: {
    200: { description: 'A page of policies', ...json(listOf(SlaPolicy, 'SlaPolicyList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getSlaPolicy',
  tags,
  summary: 'Read an SLA policy',
  request: { params: SlaPolicyId },
  responses: { 200: { description: 'The policy', ...json(SlaPolicy) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateSlaPolicy',
  tags,
  summary: 'Change an SLA policy (leads keep the due times they already have)',
  request: { params: SlaPolicyId, body: { required: true, ...json(UpdateSlaPolicyInput) } },
  responses: {
    200: { description: 'The changed policy', ...json(SlaPolicy) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteSlaPolicy',
  tags,
  summary: 'Delete an SLA policy',
  request: { params: SlaPolicyId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404) },
});
const reorder = createRoute({
  method: 'post',
  path: '/reorder',
  operationId: 'reorderSlaPolicies',
  tags,
  summary: 'Set the order of all SLA policies at once (positions become 0..n-1)',
  request: { body: { required: true, ...json(ReorderSlaPoliciesInput) } },
  responses: { 204: { description: 'Reordered' }, ...problemResponses(400, 401, 413, 415, 422) },
});

export const slaPolicyRoutes = router()
  .openapi(create, async (c) => {
    const policy = await createSlaPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
    return c.json(presentSlaPolicy(policy), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = orderedPage(await listSlaPolicies(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(presentSlaPolicy), nextCursor: p.nextCursor }, 200);
  })
  .openapi(reorder, async (c) => {
    await reorderSlaPolicies(c.var.db, c.var.auth.tenantId, c.req.valid('json').ids, c.var.deps.now());
    return c.body(null, 204);
  })
  .openapi(read, async (c) => {
    const policy = await findSlaPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!policy) throw notFound('SLA policy');
    return c.json(presentSlaPolicy(policy), 200);
  })
  .openapi(update, async (c) => {
    const policy = await changeSlaPolicy(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    return c.json(presentSlaPolicy(policy), 200);
  })
  .openapi(remove, async (c) => {
    // Leads already on the policy keep the due times they have.
    if (!(await deleteSlaPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('param').id))) throw notFound('SLA policy');
    return c.body(null, 204);
  });
