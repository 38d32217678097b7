/**
 * The thank-you step shows the instant handoff from the submission answer. The intake side that adds
 * `handoff` / `expectedResponseBy` to the answer is on another branch: here the real API stores the
 * lead and the answer on its way back gets that shape (page.route), so the widget's rendering of it,
 * and its refusal of a non-https booking link, are what is tested.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('instant handoff on the thank-you step', () => {
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

  /** Submits the demo form; the stored lead's answer comes back with `extra` added. */
  async function submitAnswered(email: string, extra: object) {
    await page.route('**/v1/public/forms/*/submissions', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), ...extra } });
    });
    await page.goto(server.demoUrl);
    await page.getByLabel('Full name').fill('Handoff Hana');
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Team size').selectOption('11-50');
    await page.waitForTimeout(900); // faster than 0.8 s is the spam trap
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Thanks!');
    return page.getByRole('status');
  }

  it('names the owner and links their booking page in a new tab', async () => {
    const bookingUrl = 'https://cal.example.com/ada?name=Handoff+Hana&email=hana%40handoff.example';
    const status = await submitAnswered('hana@handoff.example', {
      handoff: { displayName: 'Ada from Sales', bookingUrl },
    });
    expect(await status.textContent()).toContain("You'll hear from Ada from Sales.");
    const link = status.getByRole('link', { name: 'Book a time' });
    expect(await link.getAttribute('href')).toBe(bookingUrl);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
  });

  it('shows no booking link that is not https', async () => {
    const status = await submitAnswered('js@handoff.example', {
      handoff: { displayName: 'Ada', bookingUrl: 'javascript:alert(1)' },
    });
    expect(await status.textContent()).toContain("You'll hear from Ada.");
    expect(await status.getByRole('link').count()).toBe(0);
  });

  it('says when to expect an answer when the lead is open but unassigned', async () => {
    const by = '2030-01-15T14:30:00.000Z';
    const status = await submitAnswered('open@handoff.example', { handoff: null, expectedResponseBy: by });
    const local = await page.evaluate((iso) => new Date(iso).toLocaleString(), by);
    expect(await status.textContent()).toContain(`Expect an answer by ${local}.`);
  });

  it("without those fields (or waitlisted) it is today's thank-you", async () => {
    const status = await submitAnswered('plain@handoff.example', {});
    // The form's own success message, and nothing else.
    expect(await status.textContent()).toBe('Thanks! Someone from our team will reply shortly.');
    await context.close();
    context = await browser.newContext();
    page = await context.newPage();
    const waitlisted = await submitAnswered('wait@handoff.example', {
      status: 'waitlisted',
      message: 'Thanks! We are full this week.',
      handoff: { displayName: 'Ada', bookingUrl: 'https://cal.example.com/ada' },
    });
    expect(await waitlisted.textContent()).toBe('Thanks! We are full this week.');
  });
});
