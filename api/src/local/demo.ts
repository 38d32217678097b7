/**
 * The demo tenant and form `npm start` creates, and the demo host page: a site on another origin
 * that carries nothing but the documented script tag.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Database } from '../db/database';
import { createApiKey, findTenantByKeyHash, revokeDemoKeys } from '../db/queries/api-keys';
import { findForm, insertForm, updateForm } from '../db/queries/forms';
import { insertDefaultPipeline, listStages } from '../db/queries/pipeline-stages';
import { getTenant, tenantSlug } from '../db/queries/tenants';
import { tenants } from '../db/schema';
import { hashApiKey } from '../domain/api-keys';
import { newId } from '../domain/ids';
import { PROJECT_ROOT } from './config';
import { findUserByEmail } from '../db/queries/accounts';
import { oneTimePassword, passwordWorks, upsertPerson } from '../verbs/people';
import { addMember } from '../verbs/workspaces';
import { DEMO_FIELDS } from './demo-seed';
import { seedDemoWorkspace } from './demo-write';

export interface DemoState {
  tenantId: string;
  formId: string;
  secretKey: string;
  /** A verified owner of the demo workspace: `npm start` prints it as the demo login. */
  login: { email: string; password: string };
  /** When the demo workspace was seeded (teams, rules, policies, history): it is seeded once. */
  seededAt?: string;
}

export const DEMO_EMAIL = 'demo@example.com';

const statePath = (dataDir: string) => path.join(dataDir, 'demo.json');

function readState(dataDir: string): Partial<DemoState> {
  try {
    return JSON.parse(fs.readFileSync(statePath(dataDir), 'utf8')) as Partial<DemoState>;
  } catch {
    return {};
  }
}

async function keyStillValid(db: Database, tenantId: string, secret: string) {
  return (await findTenantByKeyHash(db, await hashApiKey(secret)))?.tenantId === tenantId;
}

/**
 * Finds or creates the demo tenant, form and key. Keys are stored hashed, so the secret is kept in
 * the (local, 0600) data folder to print it again; if it is gone or stale, a new demo key is minted.
 */
export async function ensureDemo(
  db: Database,
  dataDir: string,
  demoOrigins: string[],
  now: Date,
  opts: { seed?: boolean } = {},
): Promise<DemoState> {
  const saved = readState(dataDir);
  let tenantId = saved.tenantId && (await getTenant(db, saved.tenantId)) ? saved.tenantId : undefined;
  if (!tenantId) {
    tenantId = newId('tenant', now);
    await db
      .insert(tenants)
      .values({ id: tenantId, name: 'Demo company', slug: tenantSlug(tenantId), timeZone: 'UTC', createdAt: now });
  }
  let formId = saved.formId && (await findForm(db, tenantId, saved.formId)) ? saved.formId : undefined;
  // The demo tenant is made here, not by createTenant: give it the default pipeline too (also repairs
  // a data folder from before stages existed), so the board and the pipeline report have columns.
  if ((await listStages(db, tenantId)).length === 0) await insertDefaultPipeline(db, tenantId, now);
  if (formId) {
    await updateForm(db, tenantId, formId, { allowedOrigins: demoOrigins }, now);
  } else {
    const form = await insertForm(
      db,
      tenantId,
      {
        name: 'Talk to sales (demo)',
        fields: DEMO_FIELDS,
        allowedOrigins: demoOrigins,
        copy: {
          title: 'Talk to sales',
          submitLabel: 'Send',
          successMessage: 'Thanks! Someone from our team will reply shortly.',
        },
      },
      now,
    );
    formId = form.id;
  }
  let secretKey = saved.secretKey;
  if (!secretKey || !(await keyStillValid(db, tenantId, secretKey))) {
    await revokeDemoKeys(db, tenantId, now);
    secretKey = (await createApiKey(db, tenantId, 'Demo key (npm start)', 'demo', now)).secret;
  }
  const login = await ensureDemoLogin(db, tenantId, saved.login, now);
  // Seeded once: a cleared demo (DELETE /v1/demo-data) stays cleared across restarts.
  let seededAt = tenantId === saved.tenantId ? saved.seededAt : undefined;
  if (!seededAt && opts.seed) {
    await seedDemoWorkspace(db, { tenantId, demoFormId: formId, origins: demoOrigins, now });
    seededAt = now.toISOString();
  }
  const state: DemoState = { tenantId, formId, secretKey, login, seededAt };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(statePath(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}

/**
 * The demo owner keeps the password saved in demo.json while it still signs in; if it was changed
 * (or the file is new), a new one is set and saved, so the printed login always works.
 */
async function ensureDemoLogin(db: Database, tenantId: string, saved: DemoState['login'] | undefined, now: Date) {
  const email = saved?.email ?? DEMO_EMAIL;
  let password = saved?.password;
  if (!password || !(await passwordWorks(db, email, password))) {
    password = oneTimePassword();
    await upsertPerson(db, { email, name: 'Demo Owner', password }, now);
  }
  const user = (await findUserByEmail(db, email))!;
  await addMember(db, tenantId, user.id, 'owner', now);
  return { email, password };
}

const DEMO_PAGES: Record<string, string> = { '/': 'index.html', '/pricing': 'pricing.html', '/app-shell': 'spa.html' };

/** A tiny static site on its own origin, standing in for a customer's website. */
export function demoSiteServer(apiOrigin: string, formId: string): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    const page = DEMO_PAGES[url.pathname] ?? (url.pathname.startsWith('/app-shell/') ? 'spa.html' : undefined);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const html = fs
      .readFileSync(path.join(PROJECT_ROOT, 'widget/demo', page), 'utf8')
      .replaceAll('%API_ORIGIN%', apiOrigin)
      .replaceAll('%FORM_ID%', formId);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
}
