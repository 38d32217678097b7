/**
 * The Cloudflare Workers entry: the same app as the local runner, with a Postgres connection per
 * request (Hyperdrive pools them in front of the database) and the scheduler on the cron trigger.
 * The widget, dashboard and reference script are static assets served before this code runs.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { createApp } from './app';
import { ApiError } from './errors';
import type { AppDeps, AppEnv } from './context';
import type { Database } from './db/database';
import { openPostgres } from './db/postgres';
import { deliverMessages } from './jobs/outbox-dispatch';
import { runTick } from './jobs/tick';

const WorkerEnv = z.object({
  HYPERDRIVE: z.object({ connectionString: z.string().min(1) }).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  INLET_AUTH_SECRET: z.string().optional(),
  INLET_PUBLIC_URL: z.string().optional(),
});
type WorkerEnv = z.infer<typeof WorkerEnv>;

function connectionString(env: unknown): string {
  const parsed = WorkerEnv.parse(env);
  const url = parsed.HYPERDRIVE?.connectionString ?? parsed.DATABASE_URL;
  if (!url) throw new Error('Configure a Hyperdrive binding named HYPERDRIVE or a DATABASE_URL secret.');
  return url;
}

// workerd closes sockets itself when the request ends; calling end() rejects with "Stream was cancelled".
const connect = (env: unknown): Database => openPostgres(connectionString(env), { max: 1, endOnClose: false }).db;

/**
 * INLET_AUTH_SECRET signs session cookies: required (at least 32 characters), never generated here.
 * Without it only what needs it fails (sessions, /v1/auth), with a problem naming the secret: the
 * widget's submissions and secret keys keep working, so a deployment missing it loses no lead.
 */
export function accountsFromEnv(env: unknown, requestUrl: string): AppDeps['accounts'] {
  const parsed = WorkerEnv.parse(env);
  const secret = parsed.INLET_AUTH_SECRET;
  const publicUrl = (parsed.INLET_PUBLIC_URL || new URL(requestUrl).origin).replace(/\/+$/, '');
  if (secret && secret.length >= 32) return { secret, publicUrl };
  const problem = `INLET_AUTH_SECRET is ${secret ? 'shorter than 32 characters' : 'not set'}: sign-in and sessions are off until it is (openssl rand -base64 32 | npx wrangler secret put INLET_AUTH_SECRET).`;
  console.error(problem);
  return {
    publicUrl,
    get secret(): string {
      throw new ApiError('internal', problem);
    },
  };
}

const buildApp = (accounts: AppDeps['accounts']) =>
  createApp({
    database: (c: Context<AppEnv>) => connect(c.env),
    now: () => new Date(),
    defer: (c, work) => c.executionCtx.waitUntil(work.catch((err) => console.error('background work failed', err))),
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    // A fresh connection: the request's own one is done when the response is sent. No DNS resolver
    // here and no private targets: Cloudflare's fetch cannot reach private networks anyway.
    onOutboxWritten: (c, messageIds) => deliverMessages(connect(c.env), messageIds, new Date()),
    allowPrivateWebhookTargets: false,
    docsScriptUrl: '/docs/scalar.js',
    accounts,
  });

// The environment is the same for every request of a deployment, so the app is built on the first.
let app: ReturnType<typeof buildApp> | undefined;

type Assets = { fetch(request: Request): Promise<Response> };

export default {
  // Assets are served before the Worker runs; what reaches it under /app/ is a dashboard route
  // (a single-page app), answered with the app's index.
  fetch(request: Request, env: WorkerEnv & { ASSETS?: Assets }, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (env.ASSETS && request.method === 'GET' && url.pathname.startsWith('/app/'))
      return env.ASSETS.fetch(new Request(new URL('/app/index.html', url)));
    app ??= buildApp(accountsFromEnv(env, request.url));
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    ctx.waitUntil(runTick(connect(env), new Date()));
  },
} satisfies ExportedHandler<WorkerEnv>;
