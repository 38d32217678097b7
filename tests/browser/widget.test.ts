/**
 * The widget in a real browser: a host page on one origin, the API on another, as a site owner
 * would embed it. Touchpoints across pages, submit, read back through the API; and the offline
 * cases where the lead must arrive exactly once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('widget in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
  });

  const api = async (path: string) => {
    const res = await fetch(`${server.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${server.demo.secretKey}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };
  const leadsByEmail = async (email: string) =>
    (await api('/v1/leads?limit=100')).data.filter((l: any) => l.values.email === email);

  async function fillForm(name: string, email: string) {
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Team size').selectOption('11-50');
    // People take more than a moment to fill a form; faster than 0.8 s is the widget's spam trap.
    await page.waitForTimeout(900);
  }

  it('renders in an open shadow root on another origin and carries touchpoints across pages into the lead', async () => {
    expect(new URL(server.demoUrl).origin).not.toBe(new URL(server.apiUrl).origin);
    // First visit from Google, then a later visit from the newsletter link.
    await page.goto(`${server.demoUrl}/pricing`, { referer: 'https://www.google.com/' });
    await page.waitForFunction(() => localStorage.getItem('inlet.v1.touch') !== null);
    await page.evaluate(() => {
      // The second visit comes after the 30-minute session window.
      const s = JSON.parse(localStorage.getItem('inlet.v1.touch')!);
      s.seen -= 31 * 60_000;
      s.touches[0].occurredAt -= 31 * 60_000;
      localStorage.setItem('inlet.v1.touch', JSON.stringify(s));
    });
    await page.goto(`${server.demoUrl}/?utm_source=newsletter&utm_campaign=launch`);
    const host = page.locator('#contact');
    expect(await host.evaluate((el) => el.shadowRoot?.mode)).toBe('open');
    await page.getByRole('navigation').getByRole('link', { name: 'Pricing' }).click();
    await page.waitForURL('**/pricing');
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    await fillForm('Ada Lovelace', 'ada@analytical.example');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Thanks!');

    const [lead] = await leadsByEmail('ada@analytical.example');
    expect(lead).toBeTruthy();
    expect(lead.values).toMatchObject({ name: 'Ada Lovelace', team_size: '11-50' });
    expect(lead.firstTouch).toMatchObject({ channel: 'organic_search', source: 'google' });
    expect(lead.lastTouch).toMatchObject({ channel: 'email', source: 'newsletter', campaign: 'launch' });
    expect(lead.lastTouch.landingPage).toBe(`${server.demoUrl}/?utm_source=newsletter&utm_campaign=launch`);
    const detail = await api(`/v1/leads/${lead.id}`);
    // Plain navigation inside the site is not a new touch.
    expect(detail.touchpoints).toHaveLength(2);
    expect(lead.visitorId).toMatch(/^[a-z0-9]{8,}/);
  });

  it('keeps host-page CSS out of the form', async () => {
    await page.goto(server.demoUrl);
    const button = page.getByRole('button', { name: 'Send' });
    await button.waitFor();
    // The demo page sets `button { all: unset; color: red !important }`.
    expect(await button.evaluate((b) => getComputedStyle(b).color)).toBe('rgb(255, 255, 255)');
    expect(await button.evaluate((b) => getComputedStyle(b).paddingTop)).not.toBe('0px');
  });

  it('can be used with the keyboard alone, and says what is wrong', async () => {
    await page.goto(server.demoUrl);
    await page.getByLabel('Full name').waitFor();
    // Tab from the page into the form: the first field takes focus, then each in order.
    await page.getByLabel('Full name').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // The honeypot is skipped (tabindex -1): the next stop is the submit button.
    expect(await page.evaluate(() => document.querySelector('#contact')!.shadowRoot!.activeElement?.textContent)).toBe(
      'Send',
    );
    await page.keyboard.press('Enter');
    const name = page.getByLabel('Full name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const describedBy = await name.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('This field is required');
    await page.keyboard.type('Keyboard User');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-an-email');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Work email').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('keys@example.com');
    await page.waitForTimeout(900);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Thanks!');
    expect(await leadsByEmail('keys@example.com')).toHaveLength(1);
  });

  it('keeps a submission made offline and sends it exactly once after a reload', async () => {
    await page.route('**/v1/public/forms/*/submissions', (route) => route.abort('internetdisconnected'));
    await page.goto(server.demoUrl);
    await fillForm('Offline Olive', 'olive@offline.example');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('offline');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('inlet.v1.outbox')!).length)).toBe(1);

    // Still offline after a reload: the saved submission is shown as waiting, not lost.
    await page.reload();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('offline');
    expect(await leadsByEmail('olive@offline.example')).toHaveLength(0);

    // Leave first, so no retry timer of the offline page sends it between going online and the reload.
    await page.goto('about:blank');
    await page.unroute('**/v1/public/forms/*/submissions');
    await page.goto(server.demoUrl);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Thanks!');
    expect(await page.evaluate(() => localStorage.getItem('inlet.v1.outbox'))).toBeNull(); // delivered: nothing left
    expect(await leadsByEmail('olive@offline.example')).toHaveLength(1);
  });

  it('stores a lead once when the answer is lost on the way back and the widget retries', async () => {
    let lost = 0;
    await page.route('**/v1/public/forms/*/submissions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch(); // the server stores the lead…
      lost++;
      await route.abort('connectionreset'); // …but the browser never hears back
    });
    await page.goto(server.demoUrl);
    await fillForm('Lost Answer', 'lost@answer.example');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('offline');
    expect(lost).toBe(1);
    expect(await leadsByEmail('lost@answer.example')).toHaveLength(1);

    await page.goto('about:blank');
    await page.unroute('**/v1/public/forms/*/submissions');
    // The page-load flush resends before the form has its config: the form must still show the outcome.
    let resent!: () => void;
    const sent = new Promise<void>((r) => (resent = r));
    await page.route('**/v1/public/forms/*/submissions', async (route) => {
      await route.fulfill({ response: await route.fetch() });
      resent();
    });
    await page.route(/\/v1\/public\/forms\/[^/?]+(\?.*)?$/, async (route) => {
      await sent;
      await route.continue();
    });
    await page.goto(server.demoUrl);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Thanks!');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(await leadsByEmail('lost@answer.example')).toHaveLength(1);
  });

  it('records a new touch on single-page-app navigation to a tagged URL', async () => {
    const events: string[] = [];
    await page.exposeFunction('recordSubmit', (id: string) => events.push(id));
    await page.goto(`${server.demoUrl}/app-shell`);
    await page.getByLabel('Full name').waitFor();
    await page.getByRole('button', { name: 'Alerts (tagged link)' }).click();
    const touches = await page.evaluate(() => JSON.parse(localStorage.getItem('inlet.v1.touch')!).touches);
    expect(touches.map((t: any) => t.url)).toEqual([
      `${server.demoUrl}/app-shell`,
      `${server.demoUrl}/app-shell/alerts?utm_source=tour&utm_medium=in_app`,
    ]);
    await fillForm('Spa Sam', 'sam@spa.example');
    await page.getByRole('button', { name: 'Send' }).click();
    // The page's own listener (registered through the queue stub before the script loaded) fired.
    await expect.poll(() => page.title()).toMatch(/^Submitted lead_/);
    const [lead] = await leadsByEmail('sam@spa.example');
    expect(lead.lastTouch).toMatchObject({ source: 'tour', medium: 'in_app' });
  });
});
