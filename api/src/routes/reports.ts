import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { CapacityReport, CapacityReportQuery, reportRange, SlaReport, SlaReportQuery } from '../contracts/reports';
import { capacityReport } from '../db/queries/capacity-report';
import { formCapacityPolicy } from '../db/queries/capacity';
import { findCapacityPolicy } from '../db/queries/capacity-policies';
import type { Database } from '../db/database';
import { findForm } from '../db/queries/forms';
import { notFound } from '../errors';
import { slaReport } from '../db/queries/sla-report';
import { getTenant } from '../db/queries/tenants';
import { router } from '../router';

const tags = ['Reports'];

/** The forms a capacity report covers: one form (with the policy gating it), or all of a policy's. */
async function reportedForms(db: Database, tenantId: string, q: { formId?: string; policyId?: string }) {
  if (q.policyId) {
    const policy = await findCapacityPolicy(db, tenantId, q.policyId);
    if (!policy) throw notFound('capacity policy');
    return { formIds: policy.formIds, policy };
  }
  const form = await findForm(db, tenantId, q.formId!);
  if (!form) throw notFound('form');
  return { formIds: [form.id], policy: await formCapacityPolicy(db, tenantId, form.id) };
}

const sla = createRoute({
  method: 'get',
  path: '/sla',
  operationId: 'getSlaReport',
  tags,
  summary: 'SLA: share answered within target, response times, breaches, system vs rep delay',
  request: { query: SlaReportQuery },
  responses: { 200: { description: 'The report', ...json(SlaReport) }, ...problemResponses(400, 401) },
});

const capacity = createRoute({
  method: 'get',
  path: '/capacity',
  operationId: 'getCapacityReport',
  tags,
  summary: "Capacity: demand against capacity for a form or a policy's forms, by window, channel or campaign",
  request: { query: CapacityReportQuery },
  responses: { 200: { description: 'The report', ...json(CapacityReport) }, ...problemResponses(400, 401, 404) },
});

export const reportRoutes = router()
  .openapi(capacity, async (c) => {
    const q = c.req.valid('query');
    const { tenantId } = c.var.auth;
    const { formIds, policy } = await reportedForms(c.var.db, tenantId, q);
    const { from, to } = reportRange(q, c.var.deps.now());
    const tenant = await getTenant(c.var.db, tenantId);
    const rows = await capacityReport(c.var.db, {
      tenantId,
      formIds,
      policyId: policy?.id ?? null,
      timeZone: tenant?.timeZone ?? 'UTC',
      from,
      to,
      groupBy: q.groupBy,
    });
    const body = {
      from: from.toISOString(),
      to: to.toISOString(),
      formIds,
      policyId: policy?.id ?? null,
      groupBy: q.groupBy,
      capacity: policy?.policy.limit ?? null,
      rows,
    };
    return c.json(body, 200);
  })
  .openapi(sla, async (c) => {
    const q = c.req.valid('query');
    const { from, to } = reportRange(q, c.var.deps.now());
    const tenant = await getTenant(c.var.db, c.var.auth.tenantId);
    const rows = await slaReport(c.var.db, {
      tenantId: c.var.auth.tenantId,
      timeZone: tenant?.timeZone ?? 'UTC',
      from,
      to,
      groupBy: q.groupBy,
    });
    return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, rows }, 200);
  });
