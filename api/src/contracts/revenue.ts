import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { Amount, Currency } from './lead-actions';
import { IsoDate } from './common';

export const RecordRevenueInput = z
  .strictObject({
    leadId: z.string().regex(idPattern('lead'), 'not a lead id').optional(),
    email: z
      .email()
      .max(320)
      .optional()
      .openapi({ description: 'Credits the most recent lead with this email created before the payment.' }),
    kind: z.enum(['payment', 'refund']),
    amount: Amount,
    currency: Currency,
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When it was paid or refunded (default: now); never in the future.' }),
    externalId: z.string().trim().min(1).max(255).optional().openapi({
      description: 'Your id of the payment: the same id again records nothing new and answers the first entry.',
    }),
  })
  .refine((b) => (b.leadId === undefined) !== (b.email === undefined), {
    message: 'give leadId or email (one of them)',
    path: ['leadId'],
  })
  .openapi('RecordRevenueInput');
export type RecordRevenueInput = z.infer<typeof RecordRevenueInput>;

export const RevenueEntry = z
  .object({
    id: z.string(),
    leadId: z.string(),
    kind: z.enum(['deal', 'payment', 'refund', 'churn']),
    amountMinor: z.number().int().openapi({ description: 'Integer minor units of the currency (ISO 4217 exponent).' }),
    currency: z.string(),
    occurredAt: IsoDate,
    externalId: z.string().nullable(),
  })
  .openapi('RevenueEntry');
