import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { STAGE_KINDS } from '../../domain/pipeline';
import { tenantId, timestamps } from './columns';

/** A workspace's pipeline: stages in the order leads move through them. */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    /** What events, SLA `pauseStages` and leads name; never changed by a rename. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: STAGE_KINDS }).notNull(),
    /** Leads that reach this stage count as qualified in reports. */
    countsAsQualified: boolean('counts_as_qualified').notNull().default(false),
    /** Days a lead may stay before the scheduler flags it stalled (null: never). */
    stallDays: integer('stall_days'),
    /** Shown to reps: what must be true for a lead to enter. */
    entryCriteria: text('entry_criteria'),
    position: integer('position').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('pipeline_stages_tenant_key_idx').on(t.tenantId, t.key)],
);
