/** Environment of the local runner, validated once at the entry (names documented in the README). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { MailProviderConfig } from '../domain/mail-provider';
import { MailEnv, mailProviderOf } from '../mail/config';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const Port = z.coerce.number().int().min(0).max(65535);

const LocalEnv = z.object({
  PORT: Port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DEMO_PORT: Port.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  INLET_DATA_DIR: z.string().min(1).default('.inlet/data'),
  /** Scheduler interval for the local runner (Workers use the cron trigger instead). */
  INLET_TICK_MS: z.coerce.number().int().min(250).default(10_000),
  /** 1 lets webhook and Slack URLs reach http: and private addresses (a receiver on this machine). */
  INLET_ALLOW_PRIVATE_WEBHOOKS: z.enum(['0', '1', '']).default('0'),
  /** Submissions one client address may make to one form per minute (burst guard). */
  INLET_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Form reads one client may have counted per form and minute; past it the form is served, uncounted. */
  INLET_VIEWS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** 0 leaves the demo workspace empty (only its form, key and login): no teams, rules, policies or history. */
  INLET_DEMO_DATA: z.enum(['0', '1', '']).default('1'),
  /** The dashboard's public origin (links in emails, the CSRF check); unset: http://HOST:PORT. */
  INLET_PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Signs session cookies; unset: generated once and kept in the data folder. */
  INLET_AUTH_SECRET: z
    .string()
    .min(32, 'at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Proxy hops in front of Node whose X-Forwarded-For / X-Forwarded-Proto are believed (0: none). */
  INLET_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ...MailEnv.shape,
});

export interface LocalConfig {
  port: number;
  host: string;
  demoPort: number;
  databaseUrl: string | undefined;
  dataDir: string;
  tickMs: number;
  submissionsPerMinute?: number;
  viewsPerMinute?: number;
  /** INLET_TRUST_PROXY: how many proxy hops' forwarding headers to believe. */
  trustProxy?: number;
  /** Off unless INLET_ALLOW_PRIVATE_WEBHOOKS=1; never on in production. */
  allowPrivateWebhooks?: boolean;
  /** INLET_DEMO_DATA: seed the demo workspace (once) with a setup and history; on unless INLET_DEMO_DATA=0. */
  demoData?: boolean;
  /** INLET_PUBLIC_URL; undefined means http://HOST:PORT once the port is known. */
  publicUrl?: string;
  /** INLET_AUTH_SECRET; undefined means the one kept in the data folder (auth-secret). */
  authSecret?: string;
  /** The email provider; undefined means every email is caught (printed, listed at /_dev/mail). */
  mail?: MailProviderConfig;
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = LocalEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    demoPort: e.DEMO_PORT ?? (e.PORT === 0 ? 0 : e.PORT + 1),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(PROJECT_ROOT, e.INLET_DATA_DIR),
    tickMs: e.INLET_TICK_MS,
    submissionsPerMinute: e.INLET_SUBMISSIONS_PER_MINUTE,
    viewsPerMinute: e.INLET_VIEWS_PER_MINUTE,
    trustProxy: e.INLET_TRUST_PROXY,
    allowPrivateWebhooks: e.INLET_ALLOW_PRIVATE_WEBHOOKS === '1',
    demoData: e.INLET_DEMO_DATA !== '0',
    publicUrl: e.INLET_PUBLIC_URL?.replace(/\/+$/, ''),
    mail: mailProviderOf(e),
    authSecret: e.INLET_AUTH_SECRET,
  };
}
