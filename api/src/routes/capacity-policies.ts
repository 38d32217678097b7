import { createRoute } from '@hono/zod-openapi';
import {
  CapacityPolicy,
  CapacityPolicyListQuery,
  CreateCapacityPolicyInput,
  UpdateCapacityPolicyInput,
} from '../contracts/capacity-policies';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import { findCapacityPolicy, listCapacityPolicies } from '../db/queries/capacity-policies';
import { page } from '../db/queries/pagination';
import { notFound } from '../errors';
import { router } from '../router';
import { changeCapacityPolicy, createCapacityPolicy, removeCapacityPolicy } from '../verbs/capacity-policies';
import type { Database } from '../db/database';
import { windowUsage } from '../db/queries/capacity';
import type { CapacityPolicyRow } from '../db/queries/capacity-policies';
import { limitWindow } from '../domain/capacity';
import { presentCapacityPolicy } from './present-policies';

/** The policy with its current window's places taken and left. */
async function present(db: Database, p: CapacityPolicyRow, now: Date) {
  const w = limitWindow(p.policy, p.timeZone, now);
  return presentCapacityPolicy(p, w ? { start: w.start, end: w.end, taken: await windowUsage(db, p.id, w.key) } : null);
}

const CapacityPolicyId = idParam('capacityPolicy');
const tags = ['Capacity policies'];
const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createCapacityPolicy',
  tags,
  summary: 'Create a capacity policy for one form, or for the forms that feed a team',
  request: { body: { required: true, ...json(CreateCapacityPolicyInput) } },
  responses: {
    201: { description: 'Created', ...json(CapacityPolicy) },
    ...problemResponses(400, 401, 409, 413, 415, 422),
  },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listCapacityPolicies',
  tags,
  summary: 'List capacity policies, newest first',
  request: { query: CapacityPolicyListQuery },
  responses: {
    200: { description: 'A page of policies', ...json(listOf(CapacityPolicy, 'CapacityPolicyList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getCapacityPolicy',
  tags,
  summary: 'Read a capacity policy',
  request: { params: CapacityPolicyId },
  responses: { 200: { description: 'The policy', ...json(CapacityPolicy) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateCapacityPolicy',
  tags,
  summary: 'Change a capacity policy',
  request: { params: CapacityPolicyId, body: { required: true, ...json(UpdateCapacityPolicyInput) } },
  responses: {
    200: { description: 'The changed policy', ...json(CapacityPolicy) },
    ...problemResponses(400, 401, 404, 409, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteCapacityPolicy',
  tags,
  summary: 'Delete a capacity policy (its forms are no longer gated)',
  request: { params: CapacityPolicyId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404) },
});

export const capacityPolicyRoutes = router()
  .openapi(create, async (c) => {
    const policy = await createCapacityPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
    return c.json(await present(c.var.db, policy, c.var.deps.now()), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = page(await listCapacityPolicies(c.var.db, c.var.auth.tenantId, q), q.limit);
    const now = c.var.deps.now();
    const data = await Promise.all(p.data.map((policy) => present(c.var.db, policy, now)));
    return c.json({ data, nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const policy = await findCapacityPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!policy) throw notFound('capacity policy');
    return c.json(await present(c.var.db, policy, c.var.deps.now()), 200);
  })
  .openapi(update, async (c) => {
    const policy = await changeCapacityPolicy(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    return c.json(await present(c.var.db, policy, c.var.deps.now()), 200);
  })
  .openapi(remove, async (c) => {
    await removeCapacityPolicy(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
