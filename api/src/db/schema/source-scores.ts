import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { SCORE_DIMENSIONS } from '../../domain/retention';
import { tenantId, ts } from './columns';

/**
 * Source quality: net revenue per lead after refunds and churn, per acquisition source, campaign and
 * channel (first touch), computed by the scheduler. The submission path only reads it.
 */
export const sourceScores = pgTable(
  'source_scores',
  {
    tenantId: tenantId(),
    dimension: text('dimension', { enum: SCORE_DIMENSIONS }).notNull(),
    key: text('key').notNull(),
    /** The currency of the key's money (the one most of its won leads paid in); null: no money yet. */
    currency: text('currency'),
    leads: integer('leads').notNull(),
    netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
    /** netMinor ÷ leads, in minor units of `currency`. */
    score: doublePrecision('score').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dimension, t.key] })],
);

/** When a workspace's scores are next due: daily, and at once after revenue or churn is recorded. */
export const sourceScoreSchedule = pgTable(
  'source_score_schedule',
  {
    tenantId: tenantId().primaryKey(),
    nextAt: ts('next_at').notNull(),
    computedAt: ts('computed_at'),
  },
  (t) => [index('source_score_schedule_next_idx').on(t.nextAt)],
);
