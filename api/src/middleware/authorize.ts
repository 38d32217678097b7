/**
 * The one authorization check, for secret keys and sessions alike: after authentication, before the
 * body is read. The operation's permission comes from domain/permissions.ts; an operation the map
 * does not list is refused too (default deny), so a new route is closed until it is given one.
 * A refusal is 403 problem+json and stores nothing: no handler has run.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import type { Credential } from '../domain/access';
import { grantsOf, isOutsideMap, type Permission, permissionFor, REFUSAL_HINTS } from '../domain/permissions';
import { ApiError } from '../errors';

export const authorize = createMiddleware<AppEnv>(async (c, next) => {
  if (isOutsideMap(c.req.path)) return next();
  const { credential } = c.var.auth;
  const match = permissionFor(c.req.method, c.req.path);
  if (!match) throw refusal(credential, null, `${c.req.method} ${c.req.path} is not an operation this API grants.`);
  if (!grantsOf(credential).has(match.permission))
    throw refusal(
      credential,
      match.permission,
      `${match.operation} needs the ${match.permission} permission. ${REFUSAL_HINTS[match.permission] ?? ''}`.trim(),
    );
  await next();
});

function refusal(credential: Credential, needed: Permission | null, detail: string): ApiError {
  const extra = needed ? { requiredPermission: needed } : {};
  if (credential.kind === 'key')
    return new ApiError('insufficient_scope', `${detail} This key's scopes: ${credential.scopes.join(', ')}.`, extra);
  return new ApiError('forbidden_role', `${detail} Your role here: ${credential.role}.`, extra);
}
