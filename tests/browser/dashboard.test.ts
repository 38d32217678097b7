/** The hosted dashboard in Chromium: sign in with a key, the leads list and its filter, a lead with its owner. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';
import { seedReps, seedRule, seedTeam } from '../helpers/routing-seed';

describe('dashboard in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const { tenantId, formId } = server.demo;
    const team = await seedTeam(server.handle.db, tenantId, 'Sales');
    await seedReps(server.handle.db, tenantId, team, [{ name: 'Rita Rep' }]);
    await seedRule(server.handle.db, tenantId, { teamId: team });
    const submit = (name: string, email: string, url: string) =>
      fetch(`${server.apiUrl}/v1/public/forms/${formId}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          values: { name, email },
          touchpoints: [{ url, referrer: '', occurredAt: new Date().toISOString() }],
        }),
      });
    expect(
      (
        await submit(
          'Ada <b>Lovelace</b>',
          'ada@engines.example',
          'https://www.example.com/?utm_source=newsletter&utm_medium=email',
        )
      ).status,
    ).toBe(201);
    expect((await submit('Grace Hopper', 'grace@navy.example', 'https://www.example.com/?gclid=abc')).status).toBe(201);
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong key, then signs in with the right one', async () => {
    await page.goto(`${server.apiUrl}/app/`);
    await page.getByLabel('Secret key').fill('sk_live_wrong');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('That key was not accepted.').count()).toBe(1);
    await page.getByLabel('Secret key').fill(server.demo.secretKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
  });

  it('lists leads, escapes what visitors typed, and filters by first-touch channel', async () => {
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    // Markup typed into the form is shown as text, never rendered.
    expect(await page.getByRole('link', { name: 'Ada <b>Lovelace</b>' }).count()).toBe(1);
    await page.getByLabel('First-touch channel').selectOption('paid_search');
    await expect.poll(() => page.getByRole('link', { name: 'Ada <b>Lovelace</b>' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Grace Hopper' }).count()).toBe(1);
  });

  it('shows a lead with its owner by name', async () => {
    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    await expect.poll(() => page.getByText(/^Rita Rep \(rep.*@seller\.example\)$/).count()).toBe(1);
  });
});
