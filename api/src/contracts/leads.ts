import { z } from '@hono/zod-openapi';
import { CHANNELS } from '../domain/lead-facts';
import { LEAD_STATUSES } from '../db/schema/leads';
import { idPattern } from '../domain/ids';
import { IsoDate, PageQuery } from './common';

export const Touchpoint = z
  .object({
    occurredAt: IsoDate,
    channel: z.enum(CHANNELS),
    source: z.string().nullable(),
    medium: z.string().nullable(),
    campaign: z.string().nullable(),
    term: z.string().nullable(),
    content: z.string().nullable(),
    landingPage: z.string().nullable(),
    referrer: z.string().nullable(),
    clickIds: z.record(z.string(), z.string()).openapi({ example: { gclid: 'EAIaIQ' } }),
  })
  .openapi('Touchpoint');

export const LeadEvent = z
  .object({
    id: z.string(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
    actor: z.string(),
    occurredAt: IsoDate,
  })
  .openapi('LeadEvent');

export const Lead = z
  .object({
    id: z.string(),
    formId: z.string(),
    visitorId: z.string().nullable(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    status: z.enum(LEAD_STATUSES),
    teamId: z.string().nullable(),
    ownerRepId: z.string().nullable(),
    assignedAt: IsoDate.nullable(),
    stage: z.string().nullable().openapi({ description: "The key of the lead's pipeline stage." }),
    stageEnteredAt: IsoDate.nullable(),
    stalledAt: IsoDate.nullable().openapi({
      description: 'When this stay in the stage passed its stall limit (null: not stalled).',
    }),
    firstResponseAt: IsoDate.nullable(),
    closedAt: IsoDate.nullable(),
    wonAmount: z.number().nullable().openapi({ description: 'Major units (as recorded with `won`).' }),
    wonAmountMinor: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The same in the currency's integer minor units (ISO 4217)." }),
    currency: z.string().nullable(),
    firstTouch: Touchpoint.nullable(),
    lastTouch: Touchpoint.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('Lead');

export const LeadDetail = Lead.extend({ touchpoints: z.array(Touchpoint), events: z.array(LeadEvent) }).openapi(
  'LeadDetail',
);

export const LeadListQuery = PageQuery.extend({
  formId: z.string().regex(idPattern('form'), 'not a form id').optional(),
  channel: z.enum(CHANNELS).optional().openapi({ description: 'Channel of the first touch (original source).' }),
  lastChannel: z.enum(CHANNELS).optional().openapi({ description: 'Channel of the last touch.' }),
  status: z.enum(LEAD_STATUSES).optional().openapi({ description: 'Without it, spam is left out.' }),
  ownerRepId: z.string().regex(idPattern('rep'), 'not a rep id').optional(),
  teamId: z.string().regex(idPattern('team'), 'not a team id').optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created at or after (ISO 8601).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created before (ISO 8601).' }),
});
