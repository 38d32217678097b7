/**
 * Accounts in Chromium (issue 11): sign up → verify by the link in the local mailbox → invite a
 * teammate → the teammate accepts in a second browser context → as a member, settings are read-only
 * and the API refuses a settings write; a person in two workspaces sees only the active one's leads;
 * password reset through the mailbox; the session cookie's flags; a same-site write from another
 * origin refused. axe and screenshots on each account screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';
import {
  callFromPage,
  fillSignUp,
  formWithLead,
  linkFromMailbox,
  person,
  sessionCookie,
  signInOnPage,
  startOtherOrigin,
} from './accounts-steps';
import { axeViolations, screenshot } from './dashboard-fixture';

describe('accounts in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const alice = person('Alice Owner');
  const bob = person('Bob Member');
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    aliceContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    bobContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    a = await aliceContext.newPage();
    b = await bobContext.newPage();
    for (const p of [a, b]) {
      p.setDefaultTimeout(15_000);
      p.on('dialog', (d) => void d.accept());
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows sign-in and sign-up at phone and desktop width with no serious axe violation', async () => {
    const failures: string[] = [];
    for (const width of [390, 1280]) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await page.goto(`${server.apiUrl}/app/`);
      await page.getByRole('heading', { name: 'Sign in to Inlet' }).waitFor();
      failures.push(...(await axeViolations(page)).map((v) => `sign-in@${width}: ${v}`));
      await screenshot(page, `sign-in-${width}`);
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create your Inlet account' }).waitFor();
      for (const label of ['Name', 'Email', 'Password', 'Workspace name'])
        expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
      failures.push(...(await axeViolations(page)).map((v) => `sign-up@${width}: ${v}`));
      await screenshot(page, `sign-up-${width}`);
      await page.goto(`${server.apiUrl}/app/forgot-password`);
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      failures.push(...(await axeViolations(page)).map((v) => `forgot-password@${width}: ${v}`));
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });

  it('refuses a wrong password with a message from the API', async () => {
    await a.goto(`${server.apiUrl}/app/`);
    await signInOnPage(a, 'nobody@team.example', 'not-the-password');
    await expect.poll(() => a.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await a.getByRole('heading', { name: 'Sign in to Inlet' }).count()).toBe(1);
  });

  it('signs up, lands in the new workspace, and verifies the email by the link in the local mailbox', async () => {
    await a.goto(`${server.apiUrl}/app/sign-up`);
    await fillSignUp(a, alice);
    const banner = a.getByRole('region', { name: 'Verify your email' });
    await banner.getByRole('button', { name: 'Resend the link' }).click();
    await banner.getByRole('status').filter({ hasText: 'Sent' }).waitFor();
    expect(await a.getByText(alice.workspace).count()).toBeGreaterThan(0);

    const verify = await linkFromMailbox(a, server.apiUrl, alice.email, /verify/i, /verify-email/);
    failures(await axeViolations(a), 'mailbox');
    await a.goto(verify);
    await a.waitForURL(/\/app\//);
    await a.getByRole('link', { name: 'Leads', exact: true }).waitFor();
    await expect.poll(() => a.getByRole('region', { name: 'Verify your email' }).count()).toBe(0);
  });

  it('keeps the session in an HttpOnly, SameSite=Lax cookie the page cannot read', async () => {
    const cookie = await sessionCookie(aliceContext);
    expect(cookie, 'session cookie').toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(await a.evaluate(() => document.cookie)).not.toContain(cookie!.name);
    expect(await a.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).toBe('{}');
  });

  it('invites a teammate, who signs up from the invitation in another browser and joins as a member', async () => {
    await a.goto(`${server.apiUrl}/app/settings`);
    const invite = a.getByRole('form', { name: 'Invite a teammate' });
    await invite.getByLabel('Email').fill(bob.email);
    await invite.getByLabel('Role').selectOption('member');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await a.getByRole('cell', { name: bob.email, exact: true }).waitFor();
    failures(await axeViolations(a), 'settings');
    await screenshot(a, 'settings-1280');
    await a.setViewportSize({ width: 390, height: 900 });
    await screenshot(a, 'settings-390');
    await a.setViewportSize({ width: 1280, height: 900 });

    const link = await linkFromMailbox(b, server.apiUrl, bob.email, /invited you/i, /invitation/);
    await b.goto(link);
    await b.getByRole('heading', { name: 'You are invited to a workspace' }).waitFor();
    failures(await axeViolations(b), 'accept-invitation (signed out)');
    await b.getByRole('link', { name: 'Create an account' }).click();
    await fillSignUp(b, bob, { joining: true });
    await b.getByRole('button', { name: 'Accept and join' }).waitFor();
    failures(await axeViolations(b), 'accept-invitation (signed in)');
    await b.getByRole('button', { name: 'Accept and join' }).click();
    await b.waitForURL(/\/app\/leads/);
    // Joining by invitation made no workspace of their own: Alice's is their only one.
    await b.locator('.workspace-name').filter({ hasText: alice.workspace }).waitFor();
    const me = await callFromPage(b, 'GET', '/v1/me');
    expect(me.body?.role).toBe('member');
    expect(((me.body?.workspaces ?? []) as { name: string }[]).map((w) => w.name)).toEqual([alice.workspace]);

    await a.goto(`${server.apiUrl}/app/settings`);
    await a.getByRole('cell', { name: bob.email, exact: true }).waitFor();
    expect(await a.getByRole('combobox', { name: `Role of ${bob.email}` }).inputValue()).toBe('member');
  });

  it('shows a member the settings read-only', async () => {
    await b.goto(`${server.apiUrl}/app/team`);
    await b.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await b.getByText(/Read-only: as a member/).waitFor();
    const inputs = b.locator('main input, main select, main textarea');
    expect(await inputs.count()).toBeGreaterThan(0);
    expect(await b.locator('main input:enabled, main select:enabled, main textarea:enabled').count()).toBe(0);
    expect(await b.locator('main button:visible').count()).toBe(0);
    expect(await b.getByRole('link', { name: 'API keys' }).count()).toBe(0);

    await b.goto(`${server.apiUrl}/app/settings`);
    await b.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await b.getByLabel('Workspace name').isDisabled()).toBe(true);
    expect(await b.getByRole('form', { name: 'Invite a teammate' }).count()).toBe(0);
    failures(await axeViolations(b), 'settings (member)');
  });

  // The API's side is the scopes branch's authorize step (api/src/middleware/authorize.ts): until it is
  // merged next to this one, a member's session may still write, so the check waits for it.
  it('the API refuses a member’s settings write with 403 and stores nothing', async () => {
    const write = await callFromPage(b, 'POST', '/v1/teams', { name: 'Not allowed' });
    expect(write.status).toBe(403);
    expect(String(write.body?.type)).toMatch(/forbidden/);
    const teams = await callFromPage(a, 'GET', '/v1/teams');
    expect(JSON.stringify(teams.body)).not.toContain('Not allowed');
  });

  it('switching workspace shows only that workspace’s leads', async () => {
    await formWithLead(a, server.apiUrl, 'Alpha Lead');
    const bobs = bob.workspace;
    const select = b.getByRole('combobox', { name: 'Workspace' });
    await b.goto(`${server.apiUrl}/app/leads`);
    await b.locator('.user-menu summary').click();
    await b.getByRole('link', { name: 'New workspace' }).click();
    await b.getByRole('form', { name: 'New workspace' }).getByLabel('Workspace name').fill(bobs);
    await b.getByRole('button', { name: 'Create workspace' }).click();
    // The new workspace is the active one; the switcher now offers both.
    await expect.poll(() => select.locator('option:checked').textContent()).toContain(`${bobs} (owner)`);
    failures(await axeViolations(b), 'shell with the workspace switcher');
    await formWithLead(b, server.apiUrl, 'Bravo Lead');

    await b.goto(`${server.apiUrl}/app/leads`);
    await b.getByRole('link', { name: 'Bravo Lead' }).waitFor();
    expect(await b.getByRole('link', { name: 'Alpha Lead' }).count()).toBe(0);

    await select.selectOption({ label: `${alice.workspace} (member)` });
    await b.getByRole('link', { name: 'Alpha Lead' }).waitFor();
    expect(await b.getByRole('link', { name: 'Bravo Lead' }).count()).toBe(0);
    await b.reload();
    await b.getByRole('link', { name: 'Alpha Lead' }).waitFor();
    expect(await b.getByRole('link', { name: 'Bravo Lead' }).count()).toBe(0);
  });

  it('refuses a write carrying the session cookie from another origin on the same site (403, nothing stored)', async () => {
    const other = await startOtherOrigin(server.apiUrl);
    try {
      const attacker = await aliceContext.newPage();
      const post = (p: Page) =>
        p.waitForResponse((r) => r.url().endsWith('/v1/teams') && r.request().method() === 'POST');
      for (const kind of ['text', 'form']) {
        const answered = post(attacker);
        await attacker.goto(`${other.url}/?kind=${kind}`);
        expect((await answered).status(), kind).toBe(403);
      }
      // The CSRF refusal, not a missing session: the browser did send the cookie (SameSite=Lax does
      // not stop a same-site request). The form navigates to the answer, which says so; the same page
      // visited without a session is answered 401.
      await attacker.waitForURL(/\/v1\/teams$/);
      expect(await attacker.locator('body').textContent()).toContain('csrf');
      const stranger = await (await browser.newContext()).newPage();
      const unauthenticated = post(stranger);
      await stranger.goto(`${other.url}/?kind=text`);
      expect((await unauthenticated).status()).toBe(401);
      await stranger.context().close();
      await attacker.close();
      const teams = await callFromPage(a, 'GET', '/v1/teams');
      expect(teams.status).toBe(200);
      expect(JSON.stringify(teams.body)).not.toContain('CSRF');
    } finally {
      await other.close();
    }
  });

  it('an owner makes the member an admin (settings become editable), then removes them from the workspace', async () => {
    await a.goto(`${server.apiUrl}/app/settings`);
    await a.getByRole('combobox', { name: `Role of ${bob.email}` }).selectOption('admin');
    await a.getByText(`${bob.name} is now admin.`).waitFor();
    await b.goto(`${server.apiUrl}/app/team`);
    await b.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await expect.poll(() => b.locator('main input:enabled').count()).toBeGreaterThan(0);
    expect(await b.getByText(/Read-only/).count()).toBe(0);

    await a.getByRole('button', { name: `Remove ${bob.email}` }).click();
    await a.getByText(`${bob.email} was removed.`).waitFor();
    expect(await a.getByRole('cell', { name: bob.email, exact: true }).count()).toBe(0);
    // Their session's workspace is gone: the dashboard offers the workspaces they still have.
    await b.goto(`${server.apiUrl}/app/leads`);
    await b.getByRole('button', { name: `Open ${bob.workspace}` }).click();
    await b.getByRole('heading', { name: 'Leads' }).waitFor();
    const me = await callFromPage(b, 'GET', '/v1/me');
    expect(((me.body?.workspaces ?? []) as { name: string }[]).map((w) => w.name)).toEqual([bob.workspace]);
  });

  it('lists the person’s sessions and ends the others', async () => {
    const elsewhere = await (await browser.newContext()).newPage();
    await elsewhere.goto(`${server.apiUrl}/app/`);
    await signInOnPage(elsewhere, alice.email, alice.password);
    await elsewhere.getByRole('link', { name: 'Leads', exact: true }).waitFor();

    await a.goto(`${server.apiUrl}/app/settings`);
    const sessions = a.getByRole('region', { name: 'Your sessions' });
    await expect.poll(() => sessions.getByRole('row').count()).toBeGreaterThan(2);
    await sessions.getByRole('button', { name: 'End all other sessions' }).click();
    await a.getByText('Your other sessions are ended.').waitFor();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    expect((await callFromPage(elsewhere, 'GET', '/v1/me')).status).toBe(401);
    expect((await callFromPage(a, 'GET', '/v1/me')).status).toBe(200);
    await elsewhere.context().close();
  });

  it('resets a forgotten password through the emailed link', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.apiUrl}/app/`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(alice.email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'on its way' }).waitFor();

    const reset = await linkFromMailbox(page, server.apiUrl, alice.email, /password/i, /reset-password/);
    await page.goto(reset);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    failures(await axeViolations(page), 'reset-password');
    const fresh = `${alice.password}-new`;
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();

    // The link works once.
    await page.goto(reset);
    await page.getByLabel('New password', { exact: true }).fill(`${fresh}-again`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();

    await page.goto(`${server.apiUrl}/app/`);
    await signInOnPage(page, alice.email, alice.password);
    await page.getByRole('alert').waitFor();
    await signInOnPage(page, alice.email, fresh);
    await page.getByRole('link', { name: 'Leads', exact: true }).waitFor();

    // Signed in, the password changes in Settings; the next sign-in needs the new one.
    await page.goto(`${server.apiUrl}/app/settings`);
    const change = page.getByRole('form', { name: 'Change password' });
    await change.getByLabel('Current password').fill(fresh);
    await change.getByLabel('New password').fill(`${fresh}-changed`);
    await change.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed; your other sessions are ended.').waitFor();
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInOnPage(page, alice.email, `${fresh}-changed`);
    await page.getByRole('link', { name: 'Leads', exact: true }).waitFor();
    await page.context().close();
  });

  it('signs out from the user menu: the session ends and the sign-in shows', async () => {
    await b.goto(`${server.apiUrl}/app/leads`);
    await b.locator('.user-menu summary').click();
    await b.getByRole('button', { name: 'Sign out' }).click();
    await b.getByRole('heading', { name: 'Sign in to Inlet' }).waitFor();
    expect((await callFromPage(b, 'GET', '/v1/me')).status).toBe(401);
  });

  /** Collects axe findings across the run; the last test asserts there were none. */
  const found: string[] = [];
  function failures(violations: string[], screen: string) {
    found.push(...violations.map((v) => `${screen}: ${v}`));
  }
  it('found no serious or critical axe violation on the account screens', () => {
    expect(found).toEqual([]);
  });
});
