import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { STAGE_KEY_PATTERN, STAGE_KINDS } from '../domain/pipeline';
import { IsoDate } from './common';

const Name = z.string().trim().min(1).max(100);
const StallDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .nullable()
  .openapi({ description: 'Days a lead may stay before it is flagged stalled; null: never.' });
const EntryCriteria = z
  .string()
  .trim()
  .max(2000)
  .nullable()
  .openapi({ description: 'Shown to reps: what must be true for a lead to enter.' });

export const CreateStageInput = z
  .strictObject({
    key: z
      .string()
      .regex(STAGE_KEY_PATTERN, 'a slug: lower-case letters, digits, _ and -')
      .optional()
      .openapi({ description: 'What events and SLA `pauseStages` name; default: a slug of the name. Never changes.' }),
    name: Name,
    kind: z.enum(STAGE_KINDS).default('open'),
    countsAsQualified: z.boolean().default(false),
    stallDays: StallDays.default(null),
    entryCriteria: EntryCriteria.default(null),
  })
  .openapi('CreatePipelineStageInput');
export type CreateStageInput = z.infer<typeof CreateStageInput>;

export const UpdateStageInput = z
  .strictObject({
    name: Name,
    kind: z.enum(STAGE_KINDS),
    countsAsQualified: z.boolean(),
    stallDays: StallDays,
    entryCriteria: EntryCriteria,
  })
  .partial()
  .openapi('UpdatePipelineStageInput', {
    description: 'The key stays as it is: leads, events and SLA policies name it.',
  });
export type UpdateStageInput = z.infer<typeof UpdateStageInput>;

export const ReorderStagesInput = z
  .strictObject({ ids: z.array(z.string().regex(idPattern('stage'), 'not a stage id')).max(200) })
  .openapi('ReorderPipelineStagesInput');

export const Stage = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    kind: z.enum(STAGE_KINDS),
    countsAsQualified: z.boolean(),
    stallDays: z.number().int().nullable(),
    entryCriteria: z.string().nullable(),
    position: z.number().int(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('PipelineStage');

export const StageList = z.object({ data: z.array(Stage) }).openapi('PipelineStageList');
