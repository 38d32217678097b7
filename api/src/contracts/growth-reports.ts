/** Queries and answers of the growth reports: attribution (and, beside it, pipeline and retention). */
import { z } from '@hono/zod-openapi';
import { ATTRIBUTION_GROUPS } from '../db/queries/attribution-report';
import { PIPELINE_GROUPS } from '../db/queries/pipeline-report';
import { ATTRIBUTION_MODELS, DEFAULT_HALF_LIFE_DAYS } from '../domain/attribution';
import { SCORE_DIMENSIONS } from '../domain/retention';

export const Range = {
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Leads created at or after (default: 30 days ago).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Leads created before (default: now).' }),
};

export const AttributionQuery = z.object({
  ...Range,
  model: z.enum(ATTRIBUTION_MODELS).default('last_touch'),
  groupBy: z.enum(ATTRIBUTION_GROUPS).default('channel'),
  halfLifeDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(DEFAULT_HALF_LIFE_DAYS)
    .openapi({ description: 'time_decay only: days for a touch’s weight to halve.' }),
});

const Money = z
  .number()
  .int()
  .openapi({ description: "Integer minor units of the row's currency (ISO 4217 exponent)." });
const Credit = z
  .number()
  .openapi({ description: 'Leads credited to the key (a share of a lead under multi-touch models).' });

export const AttributionRow = z
  .object({
    key: z.string(),
    currency: z.string().nullable().openapi({ description: 'Null on the row of leads with no money recorded.' }),
    leads: Credit,
    qualified: Credit,
    won: Credit,
    revenue: Money,
    refunds: Money,
    churned: Money,
    net: Money.openapi({ description: 'revenue − refunds' }),
  })
  .openapi('AttributionRow');

export const AttributionReport = z
  .object({
    model: z.enum(ATTRIBUTION_MODELS),
    groupBy: z.enum(ATTRIBUTION_GROUPS),
    halfLifeDays: z.number().int().nullable(),
    from: z.string(),
    to: z.string(),
    data: z.array(AttributionRow),
  })
  .openapi('AttributionReport');

export const PipelineReportQuery = z.object({
  ...Range,
  groupBy: z
    .enum(PIPELINE_GROUPS)
    .default('all')
    .openapi({ description: 'owner (rep), team, channel or campaign (first touch), or all' }),
});

const Hours = z.number().nullable();
export const PipelineReportRow = z
  .object({
    key: z.string().openapi({ description: 'The group (rep id, team id, channel, campaign, or `all`).' }),
    stage: z.string().openapi({ description: "The stage's key." }),
    leadsNow: z.number().int(),
    entered: z
      .number()
      .int()
      .openapi({ description: 'Leads that were in the stage at some time (their first stage included).' }),
    convertedToNext: z
      .number()
      .int()
      .openapi({ description: 'Of those, leads that reached a later stage that is not a lost one.' }),
    conversionToNext: z.number().nullable(),
    medianHoursInStage: Hours.openapi({ description: 'Over stays that ended (the lead moved on).' }),
    p90HoursInStage: Hours,
    stalled: z.number().int().openapi({ description: 'Leads there now past the stall limit.' }),
  })
  .openapi('PipelineReportRow');

export const PipelineReport = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(PIPELINE_GROUPS),
    stages: z
      .array(z.object({ key: z.string(), name: z.string(), kind: z.string() }))
      .openapi({ description: 'The pipeline in order.' }),
    data: z.array(PipelineReportRow),
  })
  .openapi('PipelineReport');

export const RetentionQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Customers won at or after (default: 365 days ago).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Customers won before (default: now).' }),
  groupBy: z
    .enum(SCORE_DIMENSIONS)
    .default('source')
    .openapi({ description: 'First-touch source, campaign or channel.' }),
});

const Share = z
  .number()
  .nullable()
  .openapi({ description: 'Share still active; null until a customer of the cohort is that old.' });
export const RetentionCohort = z
  .object({
    key: z.string(),
    cohort: z.string().openapi({ example: '2026-11' }),
    customers: z.number().int(),
    active30: Share,
    active90: Share,
    active180: Share,
  })
  .openapi('RetentionCohort');

export const SourceScore = z
  .object({
    key: z.string(),
    currency: z.string().nullable(),
    leads: z.number().int().openapi({ description: 'Leads behind the score (a score from 3 leads is shown as such).' }),
    net: z.number().int().openapi({ description: 'Deals + payments − refunds − churned revenue, minor units.' }),
    score: z
      .number()
      .openapi({ description: 'net ÷ leads: net revenue per lead after churn, minor units of `currency`.' }),
    computedAt: z.string(),
  })
  .openapi('SourceScore');

export const RetentionReport = z
  .object({
    groupBy: z.enum(SCORE_DIMENSIONS),
    from: z.string(),
    to: z.string(),
    cohorts: z.array(RetentionCohort),
    scores: z.array(SourceScore),
  })
  .openapi('RetentionReport');
