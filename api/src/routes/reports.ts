import { createRoute } from '@hono/zod-openapi';
import { problemResponses } from '../contracts/common';
import { reportRange, SlaReport, SlaReportQuery } from '../contracts/reports';
import { slaReport } from '../db/queries/sla-report';
import { getTenant } from '../db/queries/tenants';
import { router } from '../router';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const tags = ['Reports'];

const sla = createRoute({
  method: 'get', path: '/sla', tags, summary: 'SLA: share answered within target, response times, breaches, system vs rep delay',
  request: { query: SlaReportQuery },
  responses: { 200: { description: 'The report', ...json(SlaReport) }, ...problemResponses(400, 401) },
});

export const reportRoutes = router().openapi(sla, async (c) => {
  const q = c.req.valid('query');
  const { from, to } = reportRange(q, c.var.deps.now());
  const tenant = await getTenant(c.var.db, c.var.auth.tenantId);
  const rows = await slaReport(c.var.db, { tenantId: c.var.auth.tenantId, timeZone: tenant?.timeZone ?? 'UTC', from, to, groupBy: q.groupBy });
  return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, rows }, 200);
});
