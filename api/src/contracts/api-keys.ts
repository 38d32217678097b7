import { z } from '@hono/zod-openapi';
import { IsoDate } from './common';

export const CreateApiKeyInput = z
  .strictObject({ name: z.string().trim().min(1).max(100) })
  .openapi('CreateApiKeyInput');
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell keys apart.' }),
    createdAt: IsoDate,
    lastUsedAt: IsoDate.nullable(),
    revokedAt: IsoDate.nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKey = ApiKey.extend({
  secret: z.string().openapi({ description: 'Shown once: only its hash is stored.' }),
}).openapi('CreatedApiKey');
