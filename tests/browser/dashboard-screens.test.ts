/**
 * Every dashboard screen at phone and desktop width: it renders its heading, axe finds no serious or
 * critical violation, hostile lead data stays text (no alert, no <img> from it), and a screenshot is saved.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import {
  alerted,
  axeViolations,
  screenshot,
  signedInPage,
  startDashboardServer,
  XSS,
  type DashboardServer,
} from './dashboard-fixture';

describe('every dashboard screen', () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDashboardServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const screens = () =>
    [
      ['home', '/app/', 'Leads'],
      ['inbox', '/app/leads', 'Leads'],
      ['lead', `/app/leads/${server.ids.hostile}`, XSS],
      ['forms', '/app/forms', 'Forms'],
      ['form-builder', `/app/forms/${server.ids.formId}`, /^Form: /],
      ['team', '/app/team', 'Team'],
      ['routing', '/app/routing', 'Routing'],
      ['sla', '/app/sla', 'SLA'],
      ['capacity', '/app/capacity', 'Capacity'],
      ['webhooks', '/app/webhooks', 'Webhooks'],
      ['api-keys', '/app/api-keys', 'API keys'],
      ['report-sla', '/app/reports/sla', 'SLA report'],
      ['report-capacity', '/app/reports/capacity', 'Capacity report'],
      ['settings', '/app/settings', 'Settings'],
    ] as const;

  for (const width of [1280, 390]) {
    it(`renders each screen at ${width} px with no serious axe violation and lead data as text`, async () => {
      const failures: string[] = [];
      // Four pages at a time: independent screens, one browser.
      const list = [...screens()];
      const worker = async () => {
        const page = await signedInPage(browser, server, width);
        for (let s = list.shift(); s; s = list.shift()) {
          const [name, url, heading] = s;
          await page.goto(`${server.apiUrl}${url}`);
          await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
          for (const v of await axeViolations(page)) failures.push(`${name}@${width}: ${v}`);
          if (await page.locator('img[src="x"]').count())
            failures.push(`${name}@${width}: lead markup became an element`);
          await screenshot(page, `${name}-${width}`);
        }
        if (alerted.has(page)) failures.push(`an alert ran at ${width}`);
        await page.context().close();
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('shows hostile lead data as text in the inbox and on the lead page', async () => {
    const page = await signedInPage(browser, server);
    await page.goto(`${server.apiUrl}/app/leads`);
    await page.getByRole('link', { name: XSS }).waitFor();
    await page.getByRole('link', { name: XSS }).click();
    await page.getByRole('heading', { level: 1, name: XSS }).waitFor();
    expect(await page.getByText(XSS).count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.context().close();
  });
});
