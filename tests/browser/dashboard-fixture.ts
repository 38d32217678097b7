/**
 * What the dashboard's browser tests share: a server with a workspace that has the product's parts
 * (teams, reps, a fallback, an SLA policy, a capacity policy, leads, one of them hostile markup),
 * a signed-in page, axe-core, and screenshots under .build/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../helpers/local-server';
import { seedCapacityPolicy, seedReps, seedTeam } from '../helpers/routing-seed';

export const XSS = '<img src=x onerror=alert(1)>';
const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const SHOTS = path.resolve(import.meta.dirname, '../../.build/screenshots');

export type DashboardServer = Awaited<ReturnType<typeof startDashboardServer>>;

export async function startDashboardServer() {
  const server = await startTestServer();
  const { tenantId, formId, secretKey } = server.demo;
  const db = server.handle.db;
  const sales = await seedTeam(db, tenantId, 'Sales');
  const enterprise = await seedTeam(db, tenantId, 'Enterprise');
  const [rita] = await seedReps(db, tenantId, sales, [{ name: 'Rita Rep' }]);
  const [erin] = await seedReps(db, tenantId, enterprise, [{ name: 'Erin Enterprise' }]);
  const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.apiUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  await api('PUT', '/v1/routing/fallback', { teamId: sales, strategy: 'round_robin' });
  await api('POST', '/v1/sla-policies', {
    name: 'Answer within an hour',
    condition: { all: [] },
    targets: { firstResponseMinutes: 60, clock: 'calendar' },
  });
  await api('POST', '/v1/business-hours', {
    name: 'Office',
    calendar: {
      timeZone: 'Europe/Berlin',
      mode: 'business',
      weekly: { mon: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] },
      holidays: [],
    },
  });
  await seedCapacityPolicy(db, tenantId, formId, {
    limit: { count: 500, per: 'week' },
    whenFull: { action: 'waitlist', message: 'We are busy' },
  });
  const submit = async (values: Record<string, string>, url: string) => {
    const res = await fetch(`${server.apiUrl}/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ values, touchpoints: [{ url, referrer: '', occurredAt: new Date().toISOString() }] }),
    });
    if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { leadId: string }).leadId;
  };
  const hostile = await submit(
    { name: XSS, email: 'x@evil.example', company: XSS, message: XSS },
    `https://www.example.com/?utm_source=${encodeURIComponent(XSS)}&utm_campaign=${encodeURIComponent(XSS)}`,
  );
  await submit(
    { name: 'Ada Lovelace', email: 'ada@engines.example' },
    'https://www.example.com/?utm_source=newsletter&utm_medium=email',
  );
  await submit({ name: 'Grace Hopper', email: 'grace@navy.example' }, 'https://www.example.com/?gclid=abc');
  return { ...server, api, submit, ids: { sales, enterprise, rita: rita!, erin: erin!, hostile, formId } };
}

/**
 * A page signed in as the demo workspace's owner with a real session: the context signs in through
 * `POST /v1/auth/sign-in/email` (its request shares the context's cookie jar), so every page of it
 * carries the HttpOnly session cookie exactly as after signing in on the sign-in screen.
 */
export async function signedInPage(browser: Browser, server: DashboardServer, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const { email, password } = demoLogin(server);
  const res = await context.request.post(`${server.apiUrl}/v1/auth/sign-in/email`, {
    data: { email, password },
    headers: { origin: server.apiUrl },
  });
  if (!res.ok()) throw new Error(`demo sign-in: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    if (d.type() === 'alert') alerted.add(page);
    void d.accept();
  });
  return page;
}

/** The seeded demo owner `npm start` prints as `Demo login   EMAIL / PASSWORD`. */
export function demoLogin(server: { demo: object }): { email: string; password: string } {
  const login = (server.demo as { login?: { email: string; password: string } }).login;
  if (!login) throw new Error('the server has no demo login (server.demo.login)');
  return login;
}

/** Pages on which an alert() ran (hostile lead markup would call one). */
export const alerted = new WeakSet<Page>();

/** Serious and critical axe violations on the page as it is now (none expected). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the dashboard's policy
  // (script-src 'self') refuses the inline script addScriptTag would insert.
  await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run({ resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
