/**
 * /v1/auth/*: better-auth answers (sign-up, sign-in, sessions, reset, verification, workspaces), and
 * this wrapper gives it our shape: every error is problem+json with a stable type, 429 carries
 * Retry-After, cookies are Secure over https, and sign-in is limited per client and per account.
 */
import { Hono } from 'hono';
import { authFor } from '../auth/instance';
import type { AppContext, AppEnv, AuthLimits } from '../context';
import { RateLimiter } from '../domain/rate-limit';
import { ApiError, type ProblemCode, problemResponse } from '../errors';

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  authAttemptsPerClientPerMinute: 30,
  failedSignInsPerAccount: 10,
  failedSignInWindowMs: 15 * 60_000,
};

/** The endpoints that take a password or send mail: where guessing and flooding happen. */
const CREDENTIAL_PATHS = new Set([
  '/sign-in/email',
  '/sign-up/email',
  '/request-password-reset',
  '/reset-password',
  '/change-password',
  '/send-verification-email',
]);

/** better-auth error codes that get a type of their own; the rest are typed by their status. */
const CODE_PROBLEMS: Record<string, ProblemCode> = {
  INVALID_EMAIL_OR_PASSWORD: 'invalid_credentials',
  INVALID_PASSWORD: 'invalid_credentials',
  INVALID_TOKEN: 'invalid_token',
  TOKEN_EXPIRED: 'invalid_token',
  INVALID_INVITATION: 'not_found',
  INVITATION_NOT_FOUND: 'not_found',
  EMAIL_NOT_VERIFIED: 'email_not_verified',
  EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION: 'email_not_verified',
  EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION: 'email_not_verified',
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: 'last_owner',
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: 'last_owner',
  USER_ALREADY_EXISTS: 'conflict',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'conflict',
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: 'conflict',
  ORGANIZATION_ALREADY_EXISTS: 'conflict',
  ORGANIZATION_SLUG_ALREADY_TAKEN: 'conflict',
  PASSWORD_TOO_SHORT: 'validation_failed',
  PASSWORD_TOO_LONG: 'validation_failed',
  INVALID_EMAIL: 'validation_failed',
  VALIDATION_ERROR: 'validation_failed',
  WORKSPACE_NAME_REQUIRED: 'validation_failed',
};

const STATUS_PROBLEMS: Record<number, ProblemCode> = {
  400: 'malformed_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

export function authRoutes(limits: Partial<AuthLimits> = {}) {
  const l = { ...DEFAULT_AUTH_LIMITS, ...limits };
  const perClient = new RateLimiter(l.authAttemptsPerClientPerMinute, 60_000);
  const perAccount = new RateLimiter(l.failedSignInsPerAccount, l.failedSignInWindowMs);

  return new Hono<AppEnv>().all('/*', async (c) => {
    const deps = c.var.deps;
    const path = c.req.path.slice('/v1/auth'.length);
    const nowMs = deps.now().getTime();
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.text();

    let accountKey: string | undefined;
    if (c.req.method === 'POST' && CREDENTIAL_PATHS.has(path)) {
      const wait = perClient.take(`${deps.clientIp(c)}`, nowMs);
      if (wait) throw tooMany(wait, 'Too many attempts from this address.');
      if (path === '/sign-in/email') {
        const email = emailOf(body);
        if (email) {
          accountKey = email;
          const locked = perAccount.retryAfter(email, nowMs);
          if (locked) throw tooMany(locked, 'Too many failed sign-ins for this account.');
        }
      }
    }

    const auth = authFor(c.var.db, deps.accounts, deps.now);
    const forwarded = new Request(c.req.raw.url, { method: c.req.method, headers: c.req.raw.headers, body });
    const res = await auth.handler(forwarded);
    if (accountKey && res.status === 401) perAccount.take(accountKey, nowMs);
    return toOurShape(c, res);
  });
}

function emailOf(body: string | undefined): string | undefined {
  try {
    const email = (JSON.parse(body ?? '') as { email?: unknown }).email;
    return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

const tooMany = (seconds: number, detail: string) =>
  new ApiError('rate_limited', `${detail} Try again in ${seconds} s.`, { retryAfterSeconds: seconds });

async function toOurShape(c: AppContext, res: Response): Promise<Response> {
  const https = new URL(c.req.url).protocol === 'https:';
  const headers = new Headers(res.headers);
  // better-auth decides `Secure` from its base URL; behind a TLS proxy (or with an http public URL
  // and an https request) the request's own scheme is what counts.
  if (https) {
    headers.delete('set-cookie');
    for (const cookie of res.headers.getSetCookie())
      headers.append('set-cookie', /;\s*secure/i.test(cookie) ? cookie : `${cookie}; Secure`);
  }
  if (res.status < 400) return new Response(res.body, { status: res.status, headers });

  const text = await res.text();
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = { message: text };
  }
  const code: ProblemCode =
    (parsed.code ? CODE_PROBLEMS[parsed.code] : undefined) ?? STATUS_PROBLEMS[res.status] ?? 'internal';
  const retryAfter = Number(res.headers.get('x-retry-after') ?? res.headers.get('retry-after') ?? 0);
  const detail = parsed.message || (code === 'internal' ? 'Something went wrong on our side.' : undefined);
  const err = new ApiError(code, detail, {
    ...(parsed.code ? { code: parsed.code } : {}),
    ...(code === 'rate_limited' ? { retryAfterSeconds: retryAfter || 60 } : {}),
  });
  if (err.status >= 500) console.error(`[${c.var.requestId}] auth ${res.status}`, text.slice(0, 500));
  const answer = problemResponse(err, c.var.requestId, { 'x-request-id': c.var.requestId ?? '' });
  for (const cookie of headers.getSetCookie()) answer.headers.append('set-cookie', cookie);
  return answer;
}
