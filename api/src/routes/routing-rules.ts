import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import {
  CreateRoutingRuleInput,
  ReorderRoutingRulesInput,
  RoutingRule,
  RoutingRuleListQuery,
  UpdateRoutingRuleInput,
} from '../contracts/routing';
import { orderedPage } from '../db/queries/ordered';
import { findRule, listRules } from '../db/queries/routing-rules';
import { notFound } from '../errors';
import { router } from '../router';
import { changeRule, createRule, removeRule, reorderRules } from '../verbs/routing-rules';
import { presentRule } from './present-routing';

const RuleId = idParam('rule');
const tags = ['Routing rules'];

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createRoutingRule',
  tags,
  summary: 'Create a routing rule',
  request: { body: { required: true, ...json(CreateRoutingRuleInput) } },
  responses: { 201: { description: 'Created', ...json(RoutingRule) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listRoutingRules',
  tags,
  summary: 'List routing rules in the order they are tried (position, then id)',
  request: { query: RoutingRuleListQuery },
  responses: {
    200: { description: 'A page of rules', ...json(listOf(RoutingRule, 'RoutingRuleList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getRoutingRule',
  tags,
  summary: 'Read a routing rule',
  request: { params: RuleId },
  responses: { 200: { description: 'The rule', ...json(RoutingRule) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateRoutingRule',
  tags,
  summary: 'Change a routing rule',
  request: { params: RuleId, body: { required: true, ...json(UpdateRoutingRuleInput) } },
  responses: {
    200: { description: 'The changed rule', ...json(RoutingRule) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteRoutingRule',
  tags,
  summary: 'Delete a routing rule',
  request: { params: RuleId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404) },
});
const reorder = createRoute({
  method: 'post',
  path: '/reorder',
  operationId: 'reorderRoutingRules',
  tags,
  summary: 'Set the order of all rules at once (positions become 0..n-1)',
  request: { body: { required: true, ...json(ReorderRoutingRulesInput) } },
  responses: { 204: { description: 'Reordered' }, ...problemResponses(400, 401, 413, 415, 422) },
});

export const routingRuleRoutes = router()
  .openapi(create, async (c) => {
    const rule = await createRule(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
    return c.json(presentRule(rule), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = orderedPage(await listRules(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(presentRule), nextCursor: p.nextCursor }, 200);
  })
  .openapi(reorder, async (c) => {
    await reorderRules(c.var.db, c.var.auth.tenantId, c.req.valid('json').ids, c.var.deps.now());
    return c.body(null, 204);
  })
  .openapi(read, async (c) => {
    const rule = await findRule(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!rule) throw notFound('routing rule');
    return c.json(presentRule(rule), 200);
  })
  .openapi(update, async (c) => {
    const rule = await changeRule(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    return c.json(presentRule(rule), 200);
  })
  .openapi(remove, async (c) => {
    await removeRule(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
