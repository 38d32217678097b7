/**
 * Consent in a real browser: the page (served on the demo site's origin, so the demo form allows it)
 * carries the script tag with `data-consent` and, where a test says, the page's own consent tool API
 * (a dataLayer with gtag, or __tcfapi). What the widget keeps is read from localStorage, what it sends
 * from the requests the browser made to the API, what the lead carries from the API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('widget consent in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sent: Request[];

  // The site: a real server on its own origin (the browser treats pages answered by page.route as
  // public, which may not load from the loopback API), allowed by the demo form.
  const pages = new Map<string, string>();
  let site: http.Server;
  let siteUrl: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    site = http.createServer((req, res) => {
      const body = pages.get(new URL(req.url ?? '/', 'http://site').pathname);
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body ?? 'Not found');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    const res = await fetch(`${server.apiUrl}/v1/forms/${server.demo.formId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${server.demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowedOrigins: [server.demoUrl, siteUrl] }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
    sent = [];
    page.on(
      'request',
      (r) => void (r.url().startsWith(server.apiUrl) && !r.url().endsWith('/widget.js') && sent.push(r)),
    );
  });

  /** A page of the site with the tag as a site would paste it, and the page's own scripts before it. */
  async function serve(path: string, tag: string, head = '') {
    pages.set(
      path,
      `<!doctype html><html lang="en"><head><title>Consent</title>${head}</head><body><a href="/other">Other</a><div id="contact"></div>
<script async src="${server.apiUrl}/widget.js" ${tag.replaceAll('%FORM%', server.demo.formId)}></script></body></html>`,
    );
  }
  const stored = () => page.evaluate(() => ({ ...localStorage }) as Record<string, string>);
  const touches = async () => JSON.parse((await stored())['inlet.v1.touch'] ?? 'null')?.touches ?? null;
  const leadByEmail = async (email: string) => {
    const res = await fetch(`${server.apiUrl}/v1/leads?limit=100`, {
      headers: { authorization: `Bearer ${server.demo.secretKey}` },
    });
    const lead = ((await res.json()) as any).data.find((l: any) => l.values.email === email);
    const detail = await fetch(`${server.apiUrl}/v1/leads/${lead.id}`, {
      headers: { authorization: `Bearer ${server.demo.secretKey}` },
    });
    return (await detail.json()) as any;
  };
  async function submit(email: string) {
    await page.getByLabel('Full name').fill('Consent Test');
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Team size').selectOption('11-50');
    await page.waitForTimeout(900); // faster than 0.8 s is the spam trap
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Thanks!');
  }

  it('required: stores and sends nothing about the visit before consent, records after, forgets on withdrawal', async () => {
    await serve('/landing', 'data-consent="required" data-form="%FORM%" data-target="#contact"');
    await page.goto(`${siteUrl}/landing?utm_source=ads`, { referer: 'https://www.google.com/' });
    await page.getByLabel('Full name').waitFor();
    expect(await stored()).toEqual({});
    // The form's read went out without the page address, referrer or a visitor id.
    const read = sent.find((r) => r.method() === 'GET')!;
    expect(new URL(read.url()).search).toBe('');
    expect(sent.some((r) => r.method() === 'POST')).toBe(false);

    await page.evaluate(() => (window as any).Inlet('consent', true));
    expect(await touches()).toEqual([
      expect.objectContaining({ url: `${siteUrl}/landing?utm_source=ads`, referrer: 'https://www.google.com/' }),
    ]);
    await page.evaluate(() => (window as any).Inlet('consent', false));
    expect(await stored()).toEqual({});
  });

  it('required without consent: the lead still arrives, with no touchpoint', async () => {
    await serve('/quiet', 'data-consent="required" data-form="%FORM%" data-target="#contact"');
    await page.goto(`${siteUrl}/quiet`);
    await submit('quiet@consent.example');
    const lead = await leadByEmail('quiet@consent.example');
    // The widget sent no touch and no visitor id; the server keeps only the submitting site's origin.
    const body = sent.find((r) => r.method() === 'POST')!.postDataJSON();
    expect(body.touchpoints).toEqual([]);
    expect(body.visitorId).toBeUndefined();
    expect(lead.touchpoints).toEqual([
      expect.objectContaining({ channel: 'direct', landingPage: `${siteUrl}/`, referrer: null }),
    ]);
    expect(lead.visitorId).toBeNull();
    // Delivered: the saved submission is gone, nothing else was kept.
    expect(await stored()).toEqual({});
  });

  it('a consent queued before the script loads counts, and is remembered on the next page', async () => {
    const queue = `<script>window.Inlet=window.Inlet||function(){(Inlet.q=Inlet.q||[]).push(arguments)};Inlet('consent',true)</script>`;
    await serve('/first', 'data-consent="required"', queue);
    await serve('/other', 'data-consent="required"');
    await page.goto(`${siteUrl}/first`);
    await expect.poll(touches).toHaveLength(1);
    await page.getByRole('link', { name: 'Other' }).click();
    await page.waitForURL('**/other');
    await expect.poll(async () => (await stored())['inlet.v1.touch']).toContain('/first');
  });

  it('implied_by_submit: keeps nothing across pages; the lead carries only the page it was sent from', async () => {
    await serve('/start', 'data-consent="implied_by_submit"');
    await serve('/other', 'data-consent="implied_by_submit" data-form="%FORM%" data-target="#contact"');
    await page.goto(`${siteUrl}/start`, { referer: 'https://www.google.com/' });
    await page.getByRole('link', { name: 'Other' }).click();
    await page.getByLabel('Full name').waitFor();
    expect(await stored()).toEqual({});
    await submit('implied@consent.example');
    const lead = await leadByEmail('implied@consent.example');
    expect(lead.touchpoints.map((t: any) => t.landingPage)).toEqual([`${siteUrl}/other`]);
    expect(await stored()).toEqual({});
  });

  it('Global Privacy Control refuses cross-page storage even without data-consent, unless the site consents', async () => {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await serve('/gpc', '');
    await page.goto(`${siteUrl}/gpc`, { referer: 'https://www.google.com/' });
    await page.waitForFunction(() => (window as any).Inlet?.loaded);
    expect(await stored()).toEqual({});
    await page.evaluate(() => (window as any).Inlet('consent', true));
    expect(await touches()).toHaveLength(1);
  });

  it("reads Google Consent Mode's analytics_storage from the page's dataLayer, also later updates", async () => {
    const gtag = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('consent','default',{analytics_storage:'denied',ad_storage:'denied'});</script>`;
    await serve('/cm', 'data-consent="required"', gtag);
    await page.goto(`${siteUrl}/cm`);
    await page.waitForFunction(() => (window as any).Inlet?.loaded);
    expect(await stored()).toEqual({});
    await page.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'granted' }));
    expect(await touches()).toHaveLength(1);
    await page.evaluate(() => (window as any).gtag('consent', 'update', { analytics_storage: 'denied' }));
    expect(await stored()).toEqual({});
  });

  it('reads IAB TCF v2 purpose 1 from __tcfapi; gdprApplies false needs no consent', async () => {
    const tcf = (consents: string) =>
      `<script>window.__tcfapi=function(cmd,v,cb){if(cmd==='addEventListener'){window.tcfCallback=cb;cb(${consents},true)}}</script>`;
    await serve(
      '/tcf',
      'data-consent="required"',
      tcf(`{eventStatus:'tcloaded',gdprApplies:true,purpose:{consents:{1:false}}}`),
    );
    await page.goto(`${siteUrl}/tcf`);
    await page.waitForFunction(() => (window as any).Inlet?.loaded);
    expect(await stored()).toEqual({});
    await page.evaluate(() =>
      (window as any).tcfCallback(
        { eventStatus: 'useractioncomplete', gdprApplies: true, purpose: { consents: { 1: true } } },
        true,
      ),
    );
    expect(await touches()).toHaveLength(1);
    await page.evaluate(() =>
      (window as any).tcfCallback(
        { eventStatus: 'useractioncomplete', gdprApplies: true, purpose: { consents: { 1: false } } },
        true,
      ),
    );
    expect(await stored()).toEqual({});

    await serve('/tcf-outside', 'data-consent="required"', tcf(`{eventStatus:'tcloaded',gdprApplies:false}`));
    await page.goto(`${siteUrl}/tcf-outside`);
    await expect.poll(touches).toHaveLength(1);
  });

  it("a form's own consent setting is stricter than the page's tag", async () => {
    const key = { authorization: `Bearer ${server.demo.secretKey}`, 'content-type': 'application/json' };
    const patch = (consent: string) =>
      fetch(`${server.apiUrl}/v1/forms/${server.demo.formId}`, {
        method: 'PATCH',
        headers: key,
        body: JSON.stringify({ consent }),
      });
    expect((await patch('required')).status).toBe(200);
    try {
      await serve('/strict', 'data-form="%FORM%" data-target="#contact"');
      await page.goto(`${siteUrl}/strict`);
      await page.getByLabel('Full name').waitFor();
      // The tag said not_required (it stored this page's touch); the form's `required` took it back.
      await expect.poll(stored).toEqual({});
      await submit('strict@consent.example');
      const body = sent.find((r) => r.method() === 'POST')!.postDataJSON();
      expect(body.touchpoints).toEqual([]);
    } finally {
      await patch('not_required');
    }
  });
});
