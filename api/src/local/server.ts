/**
 * Starts the whole product on this machine: the API (with widget, dashboard and docs) on PORT, the
 * demo site on DEMO_PORT, the scheduler on an interval, all on one database.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { DatabaseHandle } from '../db/database';
import { randomToken } from '../domain/crypto';
import { runTick } from '../jobs/tick';
import type { LocalConfig } from './config';
import { localAuthSecret, removeServerLock, writeServerLock } from './data-dir';
import type { AccountsConfig } from '../auth/instance';
import { demoSiteServer, ensureDemo, type DemoState } from './demo';
import { createNodeApp, type NodeAppOptions } from './node-app';
import { openDatabase } from './open-database';

export interface RunningLocal {
  apiUrl: string;
  demoUrl: string;
  demo: DemoState;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const displayHost = (host: string) => (host === '0.0.0.0' || host === '::' ? 'localhost' : host);

/**
 * INLET_PUBLIC_URL, or http://HOST:PORT. Without an explicit URL the loopback names of this port
 * are all the dashboard's own origin (a newcomer may open localhost or 127.0.0.1).
 */
export function localAccounts(config: LocalConfig, port: number): AccountsConfig {
  const secret = config.authSecret ?? localAuthSecret(config.dataDir);
  if (config.publicUrl)
    return { secret, publicUrl: config.publicUrl, allowedOrigins: [new URL(config.publicUrl).origin] };
  const publicUrl = `http://${displayHost(config.host)}:${port}`;
  const loopback = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
  return { secret, publicUrl, allowedOrigins: [...new Set([publicUrl, ...loopback])] };
}

export async function startLocal(
  config: LocalConfig,
  opts: Partial<Pick<NodeAppOptions, 'now' | 'limits'>> = {},
): Promise<RunningLocal> {
  const handle = await openDatabase(config);
  const token = randomToken();
  // The port is known once listening, and the default public URL is made from it: the server
  // answers 503 for the moment between listen and the app being built.
  let serve: (req: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response('Starting…', { status: 503 });
  const api = createAdaptorServer({ fetch: (req, env) => serve(req, env) }) as http.Server;
  const apiPort = await listen(api, config.port, config.host);
  const apiUrl = `http://${displayHost(config.host)}:${apiPort}`;
  const { app, deps } = createNodeApp({
    handle,
    adminToken: token,
    allowPrivateWebhookTargets: config.allowPrivateWebhooks,
    trustProxy: config.trustProxy,
    mail: config.mail,
    limits: {
      ...(config.submissionsPerMinute ? { submissionsPerMinute: config.submissionsPerMinute } : {}),
      ...(config.viewsPerMinute ? { viewsPerMinute: config.viewsPerMinute } : {}),
    },
    accounts: localAccounts(config, apiPort),
    ...opts,
  });
  serve = (req, env) => app.fetch(req, env as Record<string, unknown>);

  let demoSite = demoSiteServer(apiUrl, '');
  const demoPort = await listen(demoSite, config.demoPort, config.host);
  const demoOrigins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`];
  const demo = await ensureDemo(handle.db, config.dataDir, demoOrigins, deps.now(), { seed: config.demoData === true });
  demoSite.close();
  demoSite = demoSiteServer(apiUrl, demo.formId);
  await listen(demoSite, demoPort, config.host);

  writeServerLock(config.dataDir, { pid: process.pid, port: apiPort, host: config.host, token });
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    runTick(handle.db, deps.now(), deps)
      .catch((err) => console.error('scheduler tick failed:', err))
      .finally(() => (ticking = false));
  }, config.tickMs);

  return {
    apiUrl,
    demoUrl: `http://localhost:${demoPort}`,
    demo,
    handle,
    async close() {
      clearInterval(timer);
      removeServerLock(config.dataDir);
      for (const s of [api, demoSite]) s.closeAllConnections?.();
      await Promise.all([api, demoSite].map((s) => new Promise((r) => s.close(r))));
      await handle.close();
    },
  };
}
