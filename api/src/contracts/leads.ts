import { z } from '@hono/zod-openapi';
import { CHANNELS } from '../domain/lead-facts';
import { LEAD_STATUSES } from '../db/schema/leads';
import { idPattern } from '../domain/ids';
import { SLA_FILTERS, SLA_VIEW_STATES } from '../domain/sla-state';
import { hasUnstorable } from '../domain/request-body';
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

export const LeadSla = z
  .object({
    policyId: z.string(),
    phase: z.enum(['first_response', 'follow_up']).nullable(),
    dueAt: IsoDate.nullable().openapi({ description: 'When the current target (first response or follow-up) is due.' }),
    state: z.enum(SLA_VIEW_STATES).openapi({
      description:
        'At the time of the request: running, due_soon (inside the warning window), overdue (unanswered, past due), ' +
        'paused, stopped (closed while running), met, breached (missed, since answered or closed).',
    }),
  })
  .openapi('LeadSla');

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
    sla: LeadSla.nullable().openapi({ description: 'The SLA clock; null when no SLA policy measures the lead.' }),
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
  ownerRepId: z
    .union([z.literal('mine'), z.string().regex(idPattern('rep'), 'not a rep id or "mine"')])
    .optional()
    .openapi({
      description:
        "A rep id, or `mine`: the rep(s) whose email is the signed-in person's (a dashboard session; a secret key gets 422).",
    }),
  teamId: z.string().regex(idPattern('team'), 'not a team id').optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created at or after (ISO 8601).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created before (ISO 8601).' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !hasUnstorable(s), 'contains a character that cannot be stored')
    .optional()
    .openapi({ description: 'Name or email contains this (case-insensitive; % and _ match themselves).' }),
  campaign: z
    .string()
    .min(1)
    .max(500)
    .refine((s) => !hasUnstorable(s), 'contains a character that cannot be stored')
    .optional()
    .openapi({ description: 'A touch of the lead (first, last or between) came from this `utm_campaign`.' }),
  sla: z.enum(SLA_FILTERS).optional().openapi({
    description: 'due_soon (unanswered, inside the warning window), overdue (unanswered, past due), met, breached.',
  }),
});
