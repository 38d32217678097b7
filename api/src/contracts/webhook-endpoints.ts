import { z } from '@hono/zod-openapi';
import { KNOWN_TOPICS, TOPIC_PATTERN } from '../domain/webhook-topics';
import { IsoDate, targetUrl } from './common';

const TargetUrl = targetUrl('https://hooks.example.com/inlet');

export const WebhookTopics = z
  .array(z.string().regex(TOPIC_PATTERN, 'an event type such as lead.created, a family such as lead.*, or *'))
  .min(1)
  .max(50)
  .refine((t) => !t.includes('*') || t.length === 1, '"*" subscribes to everything and stands alone')
  .refine((t) => new Set(t).size === t.length, 'topics must not repeat')
  .openapi({
    example: ['lead.created', 'lead.assigned'],
    description: `Event types (${KNOWN_TOPICS.join(', ')}), a family (\`lead.*\`), or \`["*"]\`.`,
  });

export const CreateWebhookEndpointInput = z
  .strictObject({
    url: TargetUrl,
    description: z.string().trim().max(500).nullable().optional(),
    topics: WebhookTopics,
    enabled: z.boolean().optional().openapi({ description: 'Default true.' }),
  })
  .openapi('CreateWebhookEndpointInput');
export type CreateWebhookEndpointInput = z.infer<typeof CreateWebhookEndpointInput>;

export const UpdateWebhookEndpointInput = CreateWebhookEndpointInput.partial().openapi('UpdateWebhookEndpointInput');
export type UpdateWebhookEndpointInput = z.infer<typeof UpdateWebhookEndpointInput>;

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    topics: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({
      description:
        '`gone` when Inlet stopped delivering because the receiver answered 410; cleared by enabling it again.',
    }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

const Secret = z
  .string()
  .openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks signing secret.' });

export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: Secret }).openapi('CreatedWebhookEndpoint');

export const WebhookSecret = z
  .object({
    secret: Secret,
    previousSecretExpiresAt: IsoDate.nullable().openapi({
      description: 'After a rotation, messages carry a second signature made with the previous secret until this time.',
    }),
  })
  .openapi('WebhookSecret');
