/**
 * The security policies in Chromium: the dashboard's screens and the /docs reference run under
 * their Content-Security-Policy with zero violations (each `securitypolicyviolation` event and each
 * CSP console error is collected), an inline script is refused, neither page can be framed by
 * another site, and the demo site still renders and submits the widget form across origins.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { alerted, signedInPage, startDashboardServer, type DashboardServer } from './dashboard-fixture';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

describe('security policies in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let violations: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDashboardServer(), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await page?.context().close();
    page = await signedInPage(browser, server);
    page.setDefaultTimeout(15_000);
    violations = await watchViolations(page.context(), page);
  });

  /** Every CSP violation any page of the context reports, as `directive blocked (source)`. */
  async function watchViolations(context: BrowserContext, p: Page): Promise<string[]> {
    const seen: string[] = [];
    await context.exposeBinding('__reportCspViolation', (_source, v: Violation) =>
      seen.push(`${v.directive} ${v.blocked} (${v.source})`),
    );
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __reportCspViolation(v: Violation): void }).__reportCspViolation({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}`,
        }),
      ),
    );
    p.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
    });
    return seen;
  }

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  it('runs the dashboard screens with no violation, and refuses an inline script', async () => {
    await page.goto(`${server.apiUrl}/app/`);
    await heading('Leads');
    await page.goto(`${server.apiUrl}/app/leads`);
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    // The lead whose fields are markup: shown as text, and no script of it runs.
    await page.goto(`${server.apiUrl}/app/leads/${server.ids.hostile}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The form builder previews the real widget form: its <style> element and style attributes.
    await page.goto(`${server.apiUrl}/app/forms/${server.ids.formId}`);
    await page.getByTestId('form-preview').getByLabel('Work email').waitFor();
    const previewColor = await page
      .getByTestId('form-preview')
      .getByRole('button', { name: 'Send' })
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(previewColor).not.toBe('rgba(0, 0, 0, 0)');
    await page.goto(`${server.apiUrl}/app/reports/sla`);
    await heading('SLA report');
    await page.goto(`${server.apiUrl}/app/routing`);
    await heading('Routing');
    expect(violations).toEqual([]);
    expect(alerted.has(page)).toBe(false);

    // The watcher is live and the policy holds: an injected inline script is reported and never runs.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
  });

  it('runs the API reference at /docs with no violation, and its requests reach the API', async () => {
    await page.goto(`${server.apiUrl}/docs`);
    // Rendered by the reference script from /openapi.json: both scripts ran and the fetch was allowed.
    await page.getByRole('heading', { name: 'Inlet API' }).first().waitFor();
    await page
      .getByRole('button', { name: /test request/i })
      .first()
      .click();
    // The first operation's request, whichever it is (the reference lists the accounts routes first).
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/v1/'));
    await page.getByRole('button', { name: /^send/i }).first().click();
    expect((await answered).status()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('cannot be framed, not even by a page of its own origin', async () => {
    // A page of Inlet's own origin, answered by the browser (it never reaches the server).
    const framer = `${server.apiUrl}/framer-test`;
    const frames = {
      app: `${server.apiUrl}/app/`,
      docs: `${server.apiUrl}/docs`,
      widget: `${server.apiUrl}/widget.js`,
    };
    await page.context().route(framer, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: Object.entries(frames)
          .map(([name, src]) => `<iframe name="${name}" src="${src}"></iframe>`)
          .join(''),
      }),
    );
    await page.goto(framer);
    // widget.js has no frame-ancestors: it loads in its frame, so framing itself works here.
    await expect.poll(() => page.frame({ name: 'widget' })?.url()).toBe(frames.widget);
    // frame-ancestors 'none' refuses the other two: Chromium shows its error page instead.
    const refused = 'chrome-error://chromewebdata/';
    await expect.poll(() => ['app', 'docs'].map((name) => page.frame({ name })?.url())).toEqual([refused, refused]);
  });

  it('keeps the demo site working: the widget renders on another origin and submits', async () => {
    const host = await (await browser.newContext()).newPage();
    const hostViolations = await watchViolations(host.context(), host);
    try {
      await host.goto(server.demoUrl);
      await host.getByLabel('Full name').fill('Header Hattie');
      await host.getByLabel('Work email').fill('hattie@headers.example');
      // People take more than a moment to fill a form; faster than 0.8 s is the widget's spam trap.
      await host.waitForTimeout(900);
      await host.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => host.getByRole('status').textContent()).toContain('Thanks');
      expect(hostViolations).toEqual([]);
    } finally {
      await host.context().close();
    }
    const leads = await server.api<{ data: { values: { email: string } }[] }>('GET', '/v1/leads?limit=100');
    expect(leads.data.filter((l) => l.values.email === 'hattie@headers.example')).toHaveLength(1);
  });
});
