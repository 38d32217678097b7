/**
 * The Stripe connection in /app/settings, in Chromium, with the keyboard alone: connect with a signing
 * secret (stored sealed, never shown back), the endpoint URL to paste in Stripe with its copy button,
 * what arrived (a signed event sent to that URL shows in the counts), and disconnecting after a
 * confirmation that Escape cancels. axe finds no serious or critical violation at 390 and 1280 px.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeConnections } from '../../api/src/db/schema';
import { launchBrowser } from '../helpers/browser';
import {
  axeViolations,
  screenshot,
  signedInPage,
  startDashboardServer,
  type DashboardServer,
} from './dashboard-fixture';

const SECRET = 'whsec_browser_0123456789abcdefWXYZ';

describe('the Stripe connection in settings', () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDashboardServer(), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const card = (page: Page) => page.getByRole('region', { name: 'Stripe' });
  /** Tabs until the element has focus (at most 80 steps), as someone without a mouse does. */
  const tabTo = async (page: Page, locator: ReturnType<Page['getByRole']>) => {
    for (let i = 0; i < 80; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('not reachable with Tab');
  };

  it('connects, shows the endpoint URL and what arrived, and disconnects after confirming', async () => {
    const page = await signedInPage(browser, server, 390);
    await page.goto(`${server.apiUrl}/app/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await card(page).getByText('Not connected.').waitFor();
    expect(await axeViolations(page), 'not connected, 390').toEqual([]);

    const secretInput = card(page).getByLabel('Signing secret');
    await tabTo(page, secretInput);
    await page.keyboard.type(SECRET);
    await page.keyboard.press('Enter');
    const url = card(page).locator('dd code');
    await url.waitFor();
    const endpointUrl = (await url.textContent())!;
    expect(endpointUrl).toMatch(/\/v1\/integrations\/stripe\/stc_\w+\/events$/);
    await card(page).getByText('whsec_…WXYZ').waitFor();
    expect(await page.content()).not.toContain(SECRET);
    await card(page).getByText('None yet').waitFor();
    await screenshot(page, 'settings-stripe-connected-390');
    expect(await axeViolations(page), 'connected, 390').toEqual([]);

    // Stored sealed: the row does not hold the secret.
    const [row] = await server.handle.db
      .select()
      .from(stripeConnections)
      .where(eq(stripeConnections.tenantId, server.demo.tenantId));
    expect(row!.signingSecret).toMatch(/^aesgcm1:/);
    expect(row!.signingSecret).not.toContain(SECRET);

    // The copy button is reachable and answers.
    const copy = card(page).getByRole('button', { name: 'Copy the endpoint URL' });
    await tabTo(page, copy);
    await page.keyboard.press('Enter');
    await card(page).getByRole('button', { name: 'Copied' }).waitFor();

    // An event signed as Stripe signs it, sent to the URL shown: it verifies against the sealed secret.
    const payload = JSON.stringify({
      id: 'evt_browser_1',
      object: 'event',
      type: 'invoice.paid',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: 'in_browser_1',
          object: 'invoice',
          customer: 'cus_browser_nobody',
          customer_email: 'nobody-yet@example.com',
          amount_paid: 4200,
          currency: 'usd',
          status_transitions: { paid_at: Math.floor(Date.now() / 1000) },
        },
      },
    });
    const res = await fetch(`${server.apiUrl}${new URL(endpointUrl).pathname}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
      },
      body: payload,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { outcome: string }).outcome).toBe('pending');
    await page.reload();
    await card(page).getByText('0 applied, 1 waiting for a matching lead, 0 ignored').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'settings-stripe-connected-1280');
    expect(await axeViolations(page), 'connected, 1280').toEqual([]);

    // Disconnect: Escape keeps it; confirming removes it.
    const disconnect = card(page).getByRole('button', { name: 'Disconnect Stripe' });
    await tabTo(page, disconnect);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Disconnect Stripe?' });
    await dialog.waitFor();
    expect(await axeViolations(page), 'confirmation').toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.api<{ id: string }>('GET', '/v1/integrations/stripe')).id).toMatch(/^stc_/);
    await disconnect.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, dialog.getByRole('button', { name: 'Disconnect', exact: true }));
    await page.keyboard.press('Enter');
    await card(page).getByText('Not connected.').waitFor();
    const gone = await fetch(`${server.apiUrl}/v1/integrations/stripe`, {
      headers: { authorization: `Bearer ${server.demo.secretKey}` },
    });
    expect(gone.status).toBe(404);
    await page.context().close();
  }, 120_000);
});
