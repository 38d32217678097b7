import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { KeyScope } from '../../domain/access';
import { tenantId, ts } from './columns';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** First characters of the secret, shown so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the secret; the secret itself is never stored. */
    hash: text('hash').notNull(),
    /** 'demo' keys are minted by `npm start` for the local demo tenant. */
    kind: text('kind', { enum: ['secret', 'demo'] })
      .notNull()
      .default('secret'),
    /** `['full']`, or a list of the narrower scopes (domain/access.ts); keys made before scopes existed are `full`. */
    scopes: text('scopes').array().$type<KeyScope[]>().notNull().default(['full']),
    /** Who made it: `api_key:<id>` or `user:<id>`; null for keys minted by the admin command or `npm start`. */
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.hash), index('api_keys_tenant_idx').on(t.tenantId)],
);
