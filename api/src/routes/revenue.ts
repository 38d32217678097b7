import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { RecordRevenueInput, RevenueEntry } from '../contracts/revenue';
import { router } from '../router';
import { presentRevenue, recordRevenue } from '../verbs/record-revenue';

const record = createRoute({
  method: 'post',
  path: '/',
  tags: ['Revenue'],
  operationId: 'recordRevenue',
  summary: 'Record a payment or refund of a lead (by id or email)',
  request: { body: { required: true, ...json(RecordRevenueInput) } },
  responses: {
    201: { description: 'Recorded', ...json(RevenueEntry) },
    200: { description: 'Already recorded with this externalId: the first entry', ...json(RevenueEntry) },
    ...problemResponses(400, 401, 404, 409, 413, 415, 422),
  },
});

export const revenueRoutes = router().openapi(record, async (c) => {
  const out = await recordRevenue(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
  return c.json(presentRevenue(out.row), out.created ? 201 : 200);
});
