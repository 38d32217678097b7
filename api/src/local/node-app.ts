/**
 * The app as Node serves it: the shared API app, plus static files (widget, dashboard, the reference
 * script) and the loopback-only admin routes. Workers serve the static files as assets instead.
 */
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { createApp } from '../app';
import type { AppDeps } from '../context';
import type { DatabaseHandle } from '../db/database';
import { deliverMessages } from '../jobs/outbox-dispatch';
import type { MailProviderConfig } from '../domain/mail-provider';
import { LOCAL_PUBLIC_URL } from '../mail';
import { adminRoutes } from './admin-routes';
import { devMailRoutes } from './dev-mail';
import { PROJECT_ROOT } from './config';
import { pinnedFetch } from './pinned-fetch';
import { forwardedClient, type ForwardedHeaders } from '../domain/client-address';
import { randomToken } from '../domain/crypto';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, '.build/public');

export interface NodeAppOptions {
  handle: DatabaseHandle;
  now?: () => Date;
  adminToken?: string;
  limits?: AppDeps['limits'];
  /** INLET_ALLOW_PRIVATE_WEBHOOKS=1, and tests (their receiver is on 127.0.0.1). */
  allowPrivateWebhookTargets?: boolean;
  /** INLET_TRUST_PROXY: proxy hops whose X-Forwarded-For / X-Forwarded-Proto are believed (default 0). */
  trustProxy?: number;
  /** Replaces the fire-and-forget default (tests track background deliveries to await them). */
  defer?: AppDeps['defer'];
  /** INLET_AUTH_SECRET and INLET_PUBLIC_URL; without them, a per-process secret and http://localhost. */
  accounts?: AppDeps['accounts'];
  authLimits?: AppDeps['authLimits'];
  /** INLET_PUBLIC_URL (else the server's own URL): the origin links in emails point at. */
  publicUrl?: string;
  /** The email provider; absent, every email is caught and the local mailbox `GET /_dev/mail` is served. */
  mail?: MailProviderConfig;
}

const PROCESS_SECRET = randomToken();

export function nodeDeps(opts: NodeAppOptions): AppDeps {
  const now = opts.now ?? (() => new Date());
  const delivery = {
    allowPrivateWebhookTargets: opts.allowPrivateWebhookTargets ?? false,
    targetFetch: pinnedFetch(),
    mail: opts.mail,
  };
  return {
    database: () => opts.handle.db,
    now,
    defer: opts.defer ?? ((_c, work) => void work.catch((err) => console.error('background work failed:', err))),
    clientIp: (c) => forwardedClient(forwardingOf(c), opts.trustProxy ?? 0).address,
    onOutboxWritten: (_c, messageIds) => deliverMessages(opts.handle.db, messageIds, now(), delivery),
    ...delivery,
    docsScriptUrl: '/docs/scalar.js',
    limits: opts.limits,
    accounts: opts.accounts ?? { secret: PROCESS_SECRET, publicUrl: 'http://localhost' },
    authLimits: opts.authLimits,
    publicUrl: opts.publicUrl ?? LOCAL_PUBLIC_URL,
  };
}

export function createNodeApp(opts: NodeAppOptions) {
  const deps = nodeDeps(opts);
  const api = createApp(deps);
  const outer = new Hono();
  if (opts.adminToken) outer.route('/_local', adminRoutes(opts.handle, opts.adminToken, deps.now));
  // With a provider configured, mail really leaves: there is nothing to catch and no mailbox to show.
  if (!deps.mail) outer.route('/_dev/mail', devMailRoutes(opts.handle, deps));
  // serveStatic takes a root relative to the working directory.
  const root = path.relative(process.cwd(), PUBLIC_DIR) || '.';
  outer.get('/docs/scalar.js', serveStatic({ root }));
  outer.get(
    '/widget.js',
    serveStatic({ root, onFound: (_p, c) => void c.header('cache-control', 'public, max-age=300') }),
  );
  outer.get('/app/*', serveStatic({ root }));
  // The dashboard is a single-page app: unknown paths under /app get its index.
  outer.get('/app/*', serveStatic({ root, rewriteRequestPath: () => '/app/index.html' }));
  outer.all('*', (c) => api.fetch(withClientScheme(c, opts.trustProxy ?? 0), c.env as Record<string, unknown>));
  return { app: outer, deps };
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function forwardingOf(c: Context): ForwardedHeaders {
  return {
    socketAddress: socketAddress(c),
    socketProto: new URL(c.req.url).protocol === 'https:' ? 'https' : 'http',
    forwardedFor: c.req.header('x-forwarded-for'),
    forwardedProto: c.req.header('x-forwarded-proto'),
  };
}

/**
 * Behind a trusted proxy the request's URL carries the client's scheme, so every later https
 * decision (Secure cookies, HSTS) reads `new URL(c.req.url).protocol` and needs no header of its own.
 */
function withClientScheme(c: Context, trustProxy: number): Request {
  const raw = c.req.raw;
  if (trustProxy <= 0) return raw;
  const { proto } = forwardedClient(forwardingOf(c), trustProxy);
  const url = new URL(raw.url);
  if (url.protocol === `${proto}:`) return raw;
  url.protocol = `${proto}:`;
  return new Request(url, raw);
}
