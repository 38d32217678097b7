import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { IsoDate } from './common';
import { LeadEvent } from './leads';

const When = z.iso.datetime({ offset: true }).optional().openapi({ description: 'When it happened (default: now); never in the future.' });

export const LeadEventInput = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('contacted'), occurredAt: When, channel: z.enum(['email', 'phone', 'meeting', 'chat', 'other']).optional(), note: z.string().max(2000).optional() }),
    z.strictObject({ type: z.literal('stage_changed'), occurredAt: When, stage: z.string().trim().min(1).max(100), note: z.string().max(2000).optional() }),
    z.strictObject({
      type: z.literal('won'),
      occurredAt: When,
      amount: z.number().finite().min(0).max(1e12),
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
      note: z.string().max(2000).optional(),
    }),
    z.strictObject({ type: z.literal('lost'), occurredAt: When, reason: z.string().max(500).optional() }),
    z.strictObject({ type: z.literal('churned'), occurredAt: When, reason: z.string().max(500).optional(), lostAmount: z.number().finite().min(0).max(1e12).optional() }),
  ])
  .openapi('LeadEventInput');
export type LeadEventInput = z.infer<typeof LeadEventInput>;

export const AssignInput = z.strictObject({ repId: z.string().regex(idPattern('rep'), 'not a rep id'), note: z.string().max(2000).optional() }).openapi('AssignInput');
export type AssignInput = z.infer<typeof AssignInput>;

export const RecordedEvent = LeadEvent.extend({ leadStatus: z.string(), occurredAt: IsoDate }).openapi('RecordedLeadEvent');
