/**
 * The one authentication step for everything under /v1 that is not public: a secret key
 * (`Authorization: Bearer sk_…`) or the dashboard's session cookie. Both end in `c.var.auth`.
 */
import { getSignedCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from '../auth/instance';
import { findTenantByKeyHash, touchApiKey } from '../db/queries/api-keys';
import { findSessionByToken } from '../db/queries/accounts';
import { hashApiKey, looksLikeApiKey } from '../domain/api-keys';
import { ApiError } from '../errors';
import type { AppContext, AppEnv } from '../context';

// Writing last_used_at on every request would turn every read into a write; once a minute is plenty.
const TOUCH_EVERY_MS = 60_000;

/** Paths a signed-in person with no workspace (all left or removed) may still call. */
const WITHOUT_WORKSPACE = new Set(['/v1/me']);

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  if (header !== undefined || !c.req.header('cookie')) await authenticateKey(c, header ?? '');
  else await authenticateSession(c);
  await next();
});

/** @deprecated the name before sessions: keys and sessions now pass through `authenticate`. */
export const requireApiKey = authenticate;

async function authenticateKey(c: AppContext, header: string) {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError('unauthorized', 'Send Authorization: Bearer <secret key>, or sign in.');
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
    credential: { kind: 'key', keyId: key.id, scopes: ['full'] },
  });
}

async function authenticateSession(c: AppContext) {
  // The cookie is `token.HMAC(token)`; a forged or foreign cookie fails here without a query.
  const token = await getSignedCookie(c, c.var.deps.accounts.secret, SESSION_COOKIE);
  if (!token) throw new ApiError('unauthorized', 'Sign in, or send Authorization: Bearer <secret key>.');
  const row = await findSessionByToken(c.var.db, token, c.var.deps.now());
  if (!row) throw new ApiError('unauthorized', 'Your session has ended; sign in again.');
  if (!row.tenantId && !WITHOUT_WORKSPACE.has(c.req.path))
    throw new ApiError('no_workspace', 'Choose a workspace first (POST /v1/auth/organization/set-active).');
  c.set('auth', {
    // Empty only on the routes in WITHOUT_WORKSPACE: a query scoped to it finds nothing.
    tenantId: row.tenantId ?? '',
    actor: `user:${row.userId}`,
    credential: {
      kind: 'session',
      userId: row.userId,
      sessionId: row.sessionId,
      email: row.email,
      emailVerified: row.emailVerified,
      role: row.role ?? 'member',
    },
  });
}
