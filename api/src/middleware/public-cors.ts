/**
 * CORS for the public form endpoints, per form: only the form's allowed origins may read answers or
 * submit. Requests without an Origin (server-to-server, curl) are not browsers and pass; the opaque
 * origin `null` is refused. Preflights are answered here.
 */
import type { Context } from 'hono';
import { originAllowed } from '../domain/origins';
import { ApiError } from '../errors';
import type { AppEnv } from '../context';

const ALLOW_HEADERS = 'content-type, idempotency-key';
const EXPOSE_HEADERS = 'retry-after, x-request-id';

/** Throws 403 when a browser origin is not allowed; otherwise marks the response readable by it. */
export function checkOrigin(c: Context<AppEnv>, allowedOrigins: readonly string[]): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!originAllowed(origin, allowedOrigins)) {
    throw new ApiError('forbidden_origin', `Origin ${origin} is not among this form's allowed origins.`);
  }
  c.set('corsOrigin', origin);
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSE_HEADERS,
    vary: 'Origin',
  };
}

export function preflightResponse(origin: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '600',
    },
  });
}
