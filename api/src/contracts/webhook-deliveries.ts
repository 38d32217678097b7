import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES } from '../db/schema/deliveries';
import { IsoDate, PageQuery } from './common';

export const WebhookDelivery = z
  .object({
    id: z.string(),
    messageId: z
      .string()
      .openapi({ description: 'The `webhook-id` header the endpoint received (the same on every attempt).' }),
    topic: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: IsoDate.nullable().openapi({ description: 'When a pending delivery is tried next.' }),
    lastAttemptAt: IsoDate.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z
      .string()
      .nullable()
      .openapi({ description: 'What went wrong last time (a response snippet, a timeout, a refused target).' }),
    deliveredAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .openapi('WebhookDelivery');

export const WebhookDeliveryListQuery = PageQuery.extend({
  status: z
    .enum(DELIVERY_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuery>;
