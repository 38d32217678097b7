import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses } from '../contracts/common';
import { Range } from '../contracts/growth-reports';
import { reportRange } from '../contracts/reports';
import { wonConversions } from '../db/queries/offline-conversions';
import { AD_PLATFORMS, offlineConversionsCsv } from '../domain/offline-conversions';
import { router } from '../router';

const OfflineConversionsQuery = z.object({
  ...Range,
  platform: z.enum(AD_PLATFORMS),
  conversionName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default('Won deal')
    .openapi({ description: "The conversion action's name in the ad platform." }),
});

const offline = createRoute({
  method: 'get',
  path: '/offline-conversions',
  tags: ['Exports'],
  operationId: 'exportOfflineConversions',
  summary: "Won deals with the platform's click id (gclid, fbclid, msclkid) as its offline-conversion upload CSV",
  description: '`from`/`to` select by the time the lead was won.',
  request: { query: OfflineConversionsQuery },
  responses: {
    200: { description: 'CSV in the upload columns of the platform', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401),
  },
});

export const exportRoutes = router().openapi(offline, async (c) => {
  const q = c.req.valid('query');
  const { from, to } = reportRange(q, c.var.deps.now());
  const rows = await wonConversions(c.var.db, { tenantId: c.var.auth.tenantId, platform: q.platform, from, to });
  const name = `${q.platform}-offline-conversions-${from.toISOString().slice(0, 10)}.csv`;
  return c.body(offlineConversionsCsv(q.platform, rows, q.conversionName), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
  });
});
