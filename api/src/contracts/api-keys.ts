import { z } from '@hono/zod-openapi';
import { KEY_SCOPES } from '../domain/access';
import { IsoDate } from './common';

export const KeyScopes = z
  .array(z.enum(KEY_SCOPES))
  .min(1)
  .max(KEY_SCOPES.length)
  .refine((s) => !s.includes('full') || s.length === 1, '"full" grants everything and stands alone')
  .refine((s) => new Set(s).size === s.length, 'scopes must not repeat')
  .openapi({
    example: ['leads:read', 'reports:read'],
    description:
      '`["full"]` (everything, webhook signing secrets and keys included), or a list of `leads:read`, ' +
      '`leads:write`, `settings:read`, `settings:write`, `reports:read`, each granting just itself.',
  });

export const CreateApiKeyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: KeyScopes.default(['full']).openapi({
      description: 'Default `["full"]`. A key never makes a key with more than it has, so only full keys make keys.',
    }),
  })
  .openapi('CreateApiKeyInput');
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell keys apart.' }),
    scopes: z.array(z.enum(KEY_SCOPES)),
    createdBy: z.string().nullable().openapi({
      description: 'Who made it: `api_key:<id>` or `user:<id>`; null for keys made by `npm run admin` or `npm start`.',
      example: 'api_key:key_01JF3Z6Q5V2M8N4P7R9T0W1X2Y',
    }),
    createdAt: IsoDate,
    lastUsedAt: IsoDate.nullable(),
    revokedAt: IsoDate.nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKey = ApiKey.extend({
  secret: z.string().openapi({ description: 'Shown once: only its hash is stored.' }),
}).openapi('CreatedApiKey');
