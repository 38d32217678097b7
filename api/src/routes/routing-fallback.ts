import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { RoutingFallback } from '../contracts/routing';
import { readFallback } from '../db/queries/routing-rules';
import { router } from '../router';
import { setFallback } from '../verbs/routing-rules';
import { presentAction } from './present-routing';

const tags = ['Routing rules'];

const read = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getRoutingFallback',
  tags,
  summary: 'Where leads go when no rule matches (null: unassigned)',
  responses: {
    200: { description: 'The fallback action, or null', ...json(RoutingFallback) },
    ...problemResponses(401),
  },
});
const replace = createRoute({
  method: 'put',
  path: '/',
  operationId: 'setRoutingFallback',
  tags,
  summary: 'Set the fallback action (null leaves unmatched leads unassigned)',
  request: { body: { required: true, ...json(RoutingFallback) } },
  responses: {
    200: { description: 'The fallback now in force', ...json(RoutingFallback) },
    ...problemResponses(400, 401, 413, 415, 422),
  },
});

export const routingFallbackRoutes = router()
  .openapi(read, async (c) => {
    const fallback = await readFallback(c.var.db, c.var.auth.tenantId);
    return c.json(fallback && presentAction(fallback), 200);
  })
  .openapi(replace, async (c) => {
    const fallback = c.req.valid('json');
    await setFallback(c.var.db, c.var.auth.tenantId, fallback);
    return c.json(fallback && presentAction(fallback), 200);
  });
