import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { SimulateRoutingInput, SimulateRoutingResult } from '../contracts/routing-simulate';
import { router } from '../router';
import { simulateRouting } from '../verbs/simulate-routing';

const simulate = createRoute({
  method: 'post',
  path: '/simulate',
  operationId: 'simulateRouting',
  tags: ['Routing rules'],
  summary: 'Route a sample lead without storing anything',
  request: { body: { required: true, ...json(SimulateRoutingInput) } },
  responses: {
    200: { description: 'What would happen', ...json(SimulateRoutingResult) },
    ...problemResponses(400, 401, 413, 415, 422),
  },
});

export const routingSimulateRoutes = router().openapi(simulate, async (c) => {
  const body = c.req.valid('json');
  const out = await simulateRouting(c.var.db, { tenantId: c.var.auth.tenantId, ...body, now: c.var.deps.now() });
  return c.json(out as never, 200);
});
