import { z } from '@hono/zod-openapi';
import { IsoDate } from './common';

export const ConnectStripeInput = z
  .strictObject({
    signingSecret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=_-]{8,200}$/, 'the signing secret of the Stripe endpoint (whsec_…)')
      .openapi({
        description: "The webhook endpoint's signing secret from Stripe. Stored to verify events; never answered back.",
      }),
  })
  .openapi('ConnectStripeInput');

export const StripeConnection = z
  .object({
    id: z.string(),
    endpointUrl: z.string().openapi({
      description:
        'Paste it in Stripe as the endpoint URL; send invoice.paid, charge.refunded, customer.subscription.deleted.',
    }),
    events: z.array(z.string()),
    signingSecretHint: z.string().openapi({ description: 'The last characters of the secret, to tell which it is.' }),
    lastEventAt: IsoDate.nullable(),
    eventCounts: z.object({ applied: z.number().int(), pending: z.number().int(), ignored: z.number().int() }).openapi({
      description: 'Stripe events received: applied to a lead, pending (no lead matches the customer yet), ignored.',
    }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('StripeConnection');

export const StripeEventReceipt = z
  .object({
    received: z.literal(true),
    outcome: z.enum(['applied', 'pending', 'ignored', 'duplicate']),
    leadId: z.string().nullable(),
  })
  .openapi('StripeEventReceipt');
