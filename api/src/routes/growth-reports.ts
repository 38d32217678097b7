/** Growth reports under /v1/reports: attribution, pipeline, retention, capacity plan. */
import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import {
  AttributionQuery,
  AttributionReport,
  PipelineReport,
  PipelineReportQuery,
  RetentionQuery,
  RetentionReport,
} from '../contracts/growth-reports';
import { CapacityPlanQuery, CapacityPlanReport } from '../contracts/capacity-plan';
import { reportRange } from '../contracts/reports';
import { answeredLeads, planReps, weeklyDemand } from '../db/queries/capacity-plan';
import { findTeam } from '../db/queries/teams';
import { capacityPlan, pastWeeks } from '../domain/capacity-plan';
import { notFound } from '../errors';
import { attributionReport } from '../db/queries/attribution-report';
import { listStages } from '../db/queries/pipeline-stages';
import { pipelineReport } from '../db/queries/pipeline-report';
import { retentionCohorts } from '../db/queries/retention-report';
import { listScores } from '../db/queries/source-scores';
import { getTenant } from '../db/queries/tenants';
import { router } from '../router';

const tags = ['Reports'];

const attribution = createRoute({
  method: 'get',
  path: '/attribution',
  tags,
  operationId: 'getAttributionReport',
  summary:
    'Attribution: leads, qualified, won and money per channel, source, medium, campaign or landing page under a model',
  request: { query: AttributionQuery },
  responses: { 200: { description: 'The report', ...json(AttributionReport) }, ...problemResponses(400, 401) },
});

const pipeline = createRoute({
  method: 'get',
  path: '/pipeline',
  tags,
  operationId: 'getPipelineReport',
  summary:
    'Pipeline: leads per stage now, conversion to the next stage, time in stage, stalled leads, by owner, team, channel or campaign',
  request: { query: PipelineReportQuery },
  responses: { 200: { description: 'The report', ...json(PipelineReport) }, ...problemResponses(400, 401) },
});

const retention = createRoute({
  method: 'get',
  path: '/retention',
  tags,
  operationId: 'getRetentionReport',
  summary:
    'Retention: monthly cohorts of won customers per source, campaign or channel, share active after 30/90/180 days, and source quality scores',
  request: { query: RetentionQuery },
  responses: { 200: { description: 'The report', ...json(RetentionReport) }, ...problemResponses(400, 401) },
});

const plan = createRoute({
  method: 'get',
  path: '/capacity-plan',
  tags,
  operationId: 'getCapacityPlan',
  summary:
    "Capacity plan: a team's weekly capacity against forecast demand per channel, the week demand passes it, SLA misses and what to throttle",
  request: { query: CapacityPlanQuery },
  responses: { 200: { description: 'The plan', ...json(CapacityPlanReport) }, ...problemResponses(400, 401, 404) },
});

export const growthReportRoutes = router()
  .openapi(plan, async (c) => {
    const q = c.req.valid('query');
    const now = c.var.deps.now();
    const { db } = c.var;
    const { tenantId } = c.var.auth;
    if (!(await findTeam(db, tenantId, q.teamId))) throw notFound('team');
    const timeZone = (await getTenant(db, tenantId))?.timeZone ?? 'UTC';
    const weeks = pastWeeks(timeZone, now, q.historyWeeks);
    const range = { tenantId, teamId: q.teamId, from: weeks[0]!.start, to: weeks.at(-1)!.end };
    const [reps, answered, demand, scores] = await Promise.all([
      planReps(db, tenantId, q.teamId),
      answeredLeads(db, range),
      weeklyDemand(db, { ...range, timeZone }),
      listScores(db, tenantId, 'channel'),
    ]);
    const out = capacityPlan({
      now,
      timeZone,
      weeks: q.weeks,
      reps,
      history: { weeks, answered: answered.answered, demand, medianHoursToClose: answered.medianHoursToClose },
      scores: scores.map((s) => ({ channel: s.key, score: s.score, leads: s.leads, currency: s.currency })),
      demandFactor: q.demandFactor,
    });
    return c.json({ teamId: q.teamId, ...out }, 200);
  })
  .openapi(retention, async (c) => {
    const q = c.req.valid('query');
    const now = c.var.deps.now();
    const from = q.from ? new Date(q.from) : new Date(now.getTime() - 365 * 86_400_000);
    const to = q.to ? new Date(q.to) : now;
    const { tenantId } = c.var.auth;
    const tenant = await getTenant(c.var.db, tenantId);
    const [cohorts, scores] = await Promise.all([
      retentionCohorts(c.var.db, { tenantId, groupBy: q.groupBy, timeZone: tenant?.timeZone ?? 'UTC', from, to, now }),
      listScores(c.var.db, tenantId, q.groupBy),
    ]);
    const presented = scores.map((s) => ({
      key: s.key,
      currency: s.currency,
      leads: s.leads,
      net: s.netMinor,
      score: s.score,
      computedAt: s.computedAt.toISOString(),
    }));
    return c.json(
      { groupBy: q.groupBy, from: from.toISOString(), to: to.toISOString(), cohorts, scores: presented },
      200,
    );
  })
  .openapi(pipeline, async (c) => {
    const q = c.req.valid('query');
    const { from, to } = reportRange(q, c.var.deps.now());
    const { tenantId } = c.var.auth;
    const [stages, data] = await Promise.all([
      listStages(c.var.db, tenantId),
      pipelineReport(c.var.db, { tenantId, groupBy: q.groupBy, from, to }),
    ]);
    const pipeline = stages.map((s) => ({ key: s.key, name: s.name, kind: s.kind }));
    return c.json({ from: from.toISOString(), to: to.toISOString(), groupBy: q.groupBy, stages: pipeline, data }, 200);
  })
  .openapi(attribution, async (c) => {
    const q = c.req.valid('query');
    const { from, to } = reportRange(q, c.var.deps.now());
    const data = await attributionReport(c.var.db, {
      tenantId: c.var.auth.tenantId,
      model: q.model,
      groupBy: q.groupBy,
      halfLifeDays: q.halfLifeDays,
      from,
      to,
    });
    const halfLifeDays = q.model === 'time_decay' ? q.halfLifeDays : null;
    return c.json(
      { model: q.model, groupBy: q.groupBy, halfLifeDays, from: from.toISOString(), to: to.toISOString(), data },
      200,
    );
  });
