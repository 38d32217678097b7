/**
 * The CSRF check, before any body is read: a state-changing request that a browser could send on
 * its own (one carrying the session cookie, or any write to /v1/auth/*, sign-in included) must come
 * from the dashboard's own origin. SameSite=Lax does not stop a same-site page on another port, and
 * a text/plain or form-encoded body needs no preflight, so the Origin header is what decides.
 */
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from '../auth/instance';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function carriesSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

const bearer = (authorization: string | undefined) => /^Bearer\s+\S+$/i.test(authorization ?? '');

export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/v1/public/')) return next();
  const cookieAuthenticated = carriesSessionCookie(c.req.header('cookie')) && !bearer(c.req.header('authorization'));
  if (!cookieAuthenticated && !c.req.path.startsWith('/v1/auth/')) return next();
  const origin = c.req.header('origin');
  const allowed = c.var.deps.accounts.allowedOrigins ?? [new URL(c.var.deps.accounts.publicUrl).origin];
  if (!origin || !allowed.includes(origin))
    throw new ApiError(
      'csrf',
      origin
        ? `Requests that change something must come from ${allowed[0]}, not ${origin}.`
        : 'Requests that change something must carry the Origin header of the dashboard.',
    );
  await next();
});
