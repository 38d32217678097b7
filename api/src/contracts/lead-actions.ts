import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { isCurrency } from '../domain/money';
import { IsoDate } from './common';
import { LeadEvent } from './leads';

/** Decimal major units as a JSON number or string (`33.33`, `"33.33"`); stored exactly in minor units. */
export const Amount = z
  .union([
    z.number().finite().min(0).max(1e12),
    z
      .string()
      .trim()
      .regex(/^\d{1,13}(\.\d{1,4})?$/, 'a decimal amount such as 33.33'),
  ])
  .openapi({ description: 'Major units (33.33 USD); no more decimals than the currency has (JPY 0, USD 2, KWD 3).' });
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
  .refine(isCurrency, 'not an active ISO 4217 currency with a minor unit');

const When = z.iso
  .datetime({ offset: true })
  .optional()
  .openapi({ description: 'When it happened (default: now); never in the future.' });

export const LeadEventInput = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('contacted'),
      occurredAt: When,
      channel: z.enum(['email', 'phone', 'meeting', 'chat', 'other']).optional(),
      note: z.string().max(2000).optional(),
    }),
    z.strictObject({
      type: z.literal('stage_changed'),
      occurredAt: When,
      stage: z.string().trim().min(1).max(100).openapi({ description: "A pipeline stage's key." }),
      note: z.string().max(2000).optional(),
      amount: Amount.optional().openapi({
        description: 'Required when the stage is a won stage (the move records `won`).',
      }),
      currency: Currency.optional(),
      reason: z.string().max(500).optional().openapi({ description: 'Why, when the stage is a lost stage.' }),
    }),
    z.strictObject({
      type: z.literal('won'),
      occurredAt: When,
      amount: Amount,
      currency: Currency,
      note: z.string().max(2000).optional(),
    }),
    z.strictObject({ type: z.literal('lost'), occurredAt: When, reason: z.string().max(500).optional() }),
    z.strictObject({
      type: z.literal('churned'),
      occurredAt: When,
      reason: z.string().max(500).optional(),
      lostAmount: Amount.optional().openapi({
        description: "Churned revenue in the lead's currency (default: its won amount).",
      }),
    }),
  ])
  .openapi('LeadEventInput');
export type LeadEventInput = z.infer<typeof LeadEventInput>;

export const AssignInput = z
  .strictObject({ repId: z.string().regex(idPattern('rep'), 'not a rep id'), note: z.string().max(2000).optional() })
  .openapi('AssignInput');
export type AssignInput = z.infer<typeof AssignInput>;

export const RecordedEvent = LeadEvent.extend({ leadStatus: z.string(), occurredAt: IsoDate }).openapi(
  'RecordedLeadEvent',
);

export const BulkAssignInput = z
  .strictObject({
    ids: z
      .array(z.string().regex(idPattern('lead'), 'not a lead id'))
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'a lead is listed twice')
      .openapi({ description: 'Up to 100 of your leads; all are reassigned or none is.' }),
    repId: AssignInput.shape.repId,
    note: AssignInput.shape.note,
  })
  .openapi('BulkAssignInput');
