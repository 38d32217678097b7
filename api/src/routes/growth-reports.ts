/** Growth reports under /v1/reports: attribution, pipeline, retention. */
import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { AttributionQuery, AttributionReport, PipelineReport, PipelineReportQuery } from '../contracts/growth-reports';
import { reportRange } from '../contracts/reports';
import { attributionReport } from '../db/queries/attribution-report';
import { listStages } from '../db/queries/pipeline-stages';
import { pipelineReport } from '../db/queries/pipeline-report';
import { router } from '../router';

const tags = ['Reports'];

const attribution = createRoute({
  method: 'get', path: '/attribution', tags, operationId: 'getAttributionReport',
  summary: 'Attribution: leads, qualified, won and money per channel, source, medium, campaign or landing page under a model',
  request: { query: AttributionQuery },
  responses: { 200: { description: 'The report', ...json(AttributionReport) }, ...problemResponses(400, 401) },
});

const pipeline = createRoute({
  method: 'get', path: '/pipeline', tags, operationId: 'getPipelineReport',
  summary: 'Pipeline: leads per stage now, conversion to the next stage, time in stage, stalled leads, by owner, team, channel or campaign',
  request: { query: PipelineReportQuery },
  responses: { 200: { description: 'The report', ...json(PipelineReport) }, ...problemResponses(400, 401) },
});

export const growthReportRoutes = router()
  .openapi(pipeline, async (c) => {
    const q = c.req.valid('query');
    const { from, to } = reportRange(q, c.var.deps.now());
    const { tenantId } = c.var.auth;
    const [stages, data] = await Promise.all([listStages(c.var.db, tenantId), pipelineReport(c.var.db, { tenantId, groupBy: q.groupBy, from, to })]);
    const pipeline = stages.map((s) => ({ key: s.key, name: s.name, kind: s.kind }));
    return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, stages: pipeline, data }, 200);
  })
  .openapi(attribution, async (c) => {
  const q = c.req.valid('query');
  const { from, to } = reportRange(q, c.var.deps.now());
  const data = await attributionReport(c.var.db, { tenantId: c.var.auth.tenantId, model: q.model, groupBy: q.groupBy, halfLifeDays: q.halfLifeDays, from, to });
  const halfLifeDays = q.model === 'time_decay' ? q.halfLifeDays : null;
  return c.json({ model: q.model, groupBy: q.groupBy, halfLifeDays, from: from.toISOString(), to: to.toISOString(), data }, 200);
});
