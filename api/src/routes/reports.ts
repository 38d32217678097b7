import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { CapacityReport, CapacityReportQuery, reportRange, SlaReport, SlaReportQuery } from '../contracts/reports';
import { capacityReport } from '../db/queries/capacity-report';
import { formCapacityPolicy } from '../db/queries/capacity';
import { findForm } from '../db/queries/forms';
import { ApiError } from '../errors';
import { slaReport } from '../db/queries/sla-report';
import { getTenant } from '../db/queries/tenants';
import { router } from '../router';

const tags = ['Reports'];

const sla = createRoute({
  method: 'get', path: '/sla', tags, summary: 'SLA: share answered within target, response times, breaches, system vs rep delay',
  request: { query: SlaReportQuery },
  responses: { 200: { description: 'The report', ...json(SlaReport) }, ...problemResponses(400, 401) },
});

const capacity = createRoute({
  method: 'get', path: '/capacity', tags, summary: "Capacity: a form's demand against its capacity, by window, channel or campaign",
  request: { query: CapacityReportQuery },
  responses: { 200: { description: 'The report', ...json(CapacityReport) }, ...problemResponses(400, 401, 404) },
});

export const reportRoutes = router()
  .openapi(capacity, async (c) => {
    const q = c.req.valid('query');
    const { tenantId } = c.var.auth;
    const form = await findForm(c.var.db, tenantId, q.formId);
    if (!form) throw new ApiError('not_found', 'No such form.');
    const { from, to } = reportRange(q, c.var.deps.now());
    const tenant = await getTenant(c.var.db, tenantId);
    const policy = await formCapacityPolicy(c.var.db, tenantId, q.formId);
    const rows = await capacityReport(c.var.db, { tenantId, formId: q.formId, timeZone: tenant?.timeZone ?? 'UTC', from, to, groupBy: q.groupBy });
    return c.json({ from: from.toISOString(), to: to.toISOString(), formId: q.formId, groupBy: q.groupBy, capacity: policy?.policy.limit ?? null, rows }, 200);
  })
  .openapi(sla, async (c) => {
  const q = c.req.valid('query');
  const { from, to } = reportRange(q, c.var.deps.now());
  const tenant = await getTenant(c.var.db, c.var.auth.tenantId);
  const rows = await slaReport(c.var.db, { tenantId: c.var.auth.tenantId, timeZone: tenant?.timeZone ?? 'UTC', from, to, groupBy: q.groupBy });
  return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, rows }, 200);
});
