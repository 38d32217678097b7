/** What every request handler can reach: the app's dependencies and per-request variables. */
import type { Context } from 'hono';
import type { Database } from './db/database';
import type { Credential } from './domain/access';
import type { PublicFormRow } from './db/queries/forms';
import type { RateLimiter } from './domain/rate-limit';
import type { DeliveryOptions } from './jobs/guarded-post';
import type { AccountsConfig } from './auth/instance';

export interface AppDeps {
  /** The database for this request (shared pool in Node, a fresh connection per request in workerd). */
  database(c: Context<AppEnv>): Database;
  /** The clock; tests pass a fixed or stepped one. */
  now(): Date;
  /** Keeps work going after the response (Workers `waitUntil`; in Node the promise just runs). */
  defer(c: Context<AppEnv>, work: Promise<unknown>): void;
  /** The caller's address for rate limiting (CF-Connecting-IP on Workers, the socket in Node). */
  clientIp(c: Context<AppEnv>): string;
  /**
   * Delivers the outbox messages a request just committed, within seconds rather than at the next
   * tick (jobs/outbox-dispatch.ts `deliverMessages`); the scheduler retries what fails. Routes call
   * it through `deliverAfterResponse` (routes/after-commit.ts).
   */
  onOutboxWritten?(c: Context<AppEnv>, messageIds: string[]): Promise<unknown>;
  /**
   * Lets webhook and Slack URLs use http: and private, loopback or link-local addresses. Off in
   * production; on in tests (their receiver listens on 127.0.0.1) and with INLET_ALLOW_PRIVATE_WEBHOOKS=1.
   */
  allowPrivateWebhookTargets?: boolean;
  /** The fetch for webhook and Slack targets that checks each address it connects to (Node; see jobs/guarded-post.ts). */
  targetFetch?: DeliveryOptions['targetFetch'];
  /** The email provider; absent, email is caught (printed; the local mailbox lists it). See jobs/mail-delivery.ts. */
  mail?: DeliveryOptions['mail'];
  printCaughtMail?: DeliveryOptions['printCaughtMail'];
  /**
   * The dashboard's public origin (INLET_PUBLIC_URL; default http://HOST:PORT): links in emails.
   * Absent on Workers, which read it from their environment per request (worker.ts).
   */
  publicUrl?: string;
  /** Where `/docs` loads its script from (a same-origin static asset). */
  docsScriptUrl: string;
  /** Limits for the public endpoints; defaults in app.ts. */
  limits?: Partial<Limits>;
  /** People and sessions: the cookie-signing secret and the public origin (INLET_AUTH_SECRET, INLET_PUBLIC_URL). */
  accounts: AccountsConfig;
  /** Sign-in limits per client and per account; defaults in routes/auth.ts. */
  authLimits?: Partial<AuthLimits>;
}

export interface Limits {
  publicBodyBytes: number;
  /** Stripe's events (their raw body is what Stripe signs). */
  stripeBodyBytes: number;
  apiBodyBytes: number;
  /** Submissions a client address may make to one form per minute. */
  submissionsPerMinute: number;
  /** Form reads a client may have counted per form and minute; past it the form is served uncounted. */
  viewsPerMinute: number;
}

export interface AuthedTenant {
  tenantId: string;
  /** `api_key:<id>` or `user:<id>`: who did it, for lead events. */
  actor: string;
  /** The secret key (with its scopes) or the session (with the member's role) behind the request. */
  credential: Credential;
}

export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: {
    deps: AppDeps;
    limiter: RateLimiter;
    /** The per-client budget of counted form views. */
    viewLimiter: RateLimiter;
    db: Database;
    requestId: string;
    auth: AuthedTenant;
    /** The origin a public response may be read by, set by the public CORS check. */
    corsOrigin?: string;
    /** The form a public route is about, loaded (and its origin checked) before validation. */
    form?: PublicFormRow;
  };
}

export type AppContext = Context<AppEnv>;

/** The account routes' guards (defaults in routes/auth.ts); tests lower or raise them. */
export interface AuthLimits {
  /** Attempts on the credential endpoints (sign-in, sign-up, reset) per client address and minute. */
  authAttemptsPerClientPerMinute: number;
  /** Failed sign-ins per email address in `failedSignInWindowMs` before that account is locked for the rest of it. */
  failedSignInsPerAccount: number;
  failedSignInWindowMs: number;
}
