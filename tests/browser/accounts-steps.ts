/**
 * Steps the accounts browser tests share: signing up through the dashboard, finding a link in the
 * local mailbox page (/app/dev/mail), and API calls made from a signed-in page (same origin, its
 * session cookie, as the dashboard itself calls).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';

export interface Person {
  name: string;
  email: string;
  password: string;
  workspace: string;
}

let n = 0;
export function person(name: string): Person {
  const id = `${Date.now().toString(36)}${++n}`;
  const first = name.split(' ')[0]!.toLowerCase();
  return { name, email: `${first}.${id}@team.example`, password: `pw-${id}-long-enough`, workspace: `${name}'s shop` };
}

/** Fills and sends the sign-up form on the page's current screen (no workspace name when joining). */
export async function fillSignUp(page: Page, p: Person, opts: { joining?: boolean } = {}) {
  await page.getByLabel('Name', { exact: true }).fill(p.name);
  await page.getByLabel('Email', { exact: true }).fill(p.email);
  await page.getByLabel('Password', { exact: true }).fill(p.password);
  if (!opts.joining) await page.getByLabel('Workspace name').fill(p.workspace);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signInOnPage(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Opens the local mailbox in the dashboard, waits for the newest mail to `to` whose subject matches,
 * and answers the first link in it that matches `href` (read from the rendered <a>).
 */
export async function linkFromMailbox(page: Page, apiUrl: string, to: string, subject: RegExp, href: RegExp) {
  await page.goto(`${apiUrl}/app/dev/mail`);
  await page.getByRole('heading', { name: 'Local mailbox' }).waitFor();
  const mail = page
    .getByRole('listitem')
    .filter({ hasText: `To ${to}` })
    .filter({ hasText: subject })
    .first();
  for (let i = 0; i < 20 && (await mail.count()) === 0; i++) {
    await page.waitForTimeout(250);
    await page.getByRole('button', { name: 'Refresh' }).click();
  }
  const links = await mail.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const found = links.find((l) => href.test(l));
  if (!found) throw new Error(`no link matching ${href} in the mail to ${to}: ${links.join(', ')}`);
  return found;
}

/** A call from the page's own origin with its session cookie: the dashboard's way of calling the API. */
export async function callFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p as string, {
        method: m as string,
        credentials: 'same-origin',
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    },
    [method, path, body] as const,
  );
}

/** A form in the page's active workspace, and one lead submitted to it through the public endpoint. */
export async function formWithLead(page: Page, apiUrl: string, leadName: string) {
  const form = await callFromPage(page, 'POST', '/v1/forms', {
    name: `Contact ${leadName}`,
    fields: [
      { key: 'name', label: 'Name', type: 'text' },
      { key: 'email', label: 'Email', type: 'email' },
    ],
    allowedOrigins: [],
  });
  if (form.status !== 201) throw new Error(`form: ${form.status} ${JSON.stringify(form.body)}`);
  const res = await fetch(`${apiUrl}/v1/public/forms/${form.body!.id}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      values: { name: leadName, email: `${leadName.replace(/\W+/g, '.').toLowerCase()}@lead.example` },
      touchpoints: [{ url: 'https://www.example.com/', referrer: '', occurredAt: new Date().toISOString() }],
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
}

/** The session cookie of a context (better-auth names it `….session_token`). */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name.endsWith('session_token'));
}

/**
 * A page on another port of 127.0.0.1 (same site as the API, so SameSite=Lax still sends the
 * cookie) that writes to the API with the visitor's cookie, in the two ways a browser sends a
 * cross-origin write without asking first: fetch with a text/plain body (no preflight) and an
 * auto-submitted HTML form (application/x-www-form-urlencoded).
 */
export async function startOtherOrigin(apiUrl: string) {
  const page = (kind: string) => {
    const target = `${apiUrl}/v1/teams`;
    if (kind === 'form')
      return `<!doctype html><title>form</title><form method="post" action="${target}"><input name="name" value="CSRF form team"></form><script>document.forms[0].submit()</script>`;
    return `<!doctype html><title>text</title><script>fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'CSRF text team' }) })</script>`;
  };
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(new URL(req.url!, 'http://x').searchParams.get('kind') ?? 'text'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}
