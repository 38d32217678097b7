/** Secret-key authentication for everything under /v1 that is not public. */
import { createMiddleware } from 'hono/factory';
import { findTenantByKeyHash, touchApiKey } from '../db/queries/api-keys';
import { hashApiKey, looksLikeApiKey } from '../domain/api-keys';
import { ApiError } from '../errors';
import type { AppEnv } from '../context';

// Writing last_used_at on every request would turn every read into a write; once a minute is plenty.
const TOUCH_EVERY_MS = 60_000;

export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError('unauthorized', 'Send Authorization: Bearer <secret key>.');
  const secret = match[1]!;
  if (!looksLikeApiKey(secret)) throw new ApiError('unauthorized', 'That is not a valid secret key.');
  const db = c.var.db;
  const key = await findTenantByKeyHash(db, await hashApiKey(secret));
  if (!key) throw new ApiError('unauthorized', 'That key is unknown or revoked.');
  const now = c.var.deps.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    c.var.deps.defer(
      c,
      touchApiKey(db, key.id, now).catch(() => {}),
    );
  }
  c.set('auth', {
    tenantId: key.tenantId,
    actor: `api_key:${key.id}`,
    credential: { kind: 'key', keyId: key.id, scopes: key.scopes },
  });
  await next();
});
