/**
 * The settings editors in a real browser: a rep's working hours, holidays and time off; the
 * business-hours preview and an SLA policy put in order; a capacity policy changed and its demand
 * chart; a webhook endpoint with its secret and delivery log; a team created with the keyboard alone.
 * Each editor is checked with axe and saved as a screenshot at phone and desktop width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../api/src/db/queries/accounts';
import { upsertPerson } from '../../api/src/verbs/people';
import { addMember } from '../../api/src/verbs/workspaces';
import { launchBrowser } from '../helpers/browser';
import {
  axeViolations,
  screenshot,
  signedInPage,
  startDashboardServer,
  type DashboardServer,
} from './dashboard-fixture';

type Rep = { id: string; name: string; workingHours: any; outOfOffice: any[] };

describe('the settings editors', () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDashboardServer(), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (page: Page, path: string, heading: string) => {
    await page.goto(`${server.apiUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
  };
  const check = async (page: Page, name: string) => {
    expect(await axeViolations(page), name).toEqual([]);
    await screenshot(page, name);
  };
  const list = async <T>(path: string) => (await server.api<{ data: T[] }>('GET', path)).data;

  it('adds a rep with working hours in another zone, a holiday and time off', async () => {
    const page = await signedInPage(browser, server);
    await open(page, '/app/team', 'Team');
    await page.getByRole('button', { name: 'Add a rep to Sales' }).click();
    const dialog = page.getByRole('dialog', { name: 'New rep' });
    await dialog.getByLabel('Name', { exact: true }).fill('Nora Night');
    await dialog.getByLabel('Email').fill('nora@example.com');
    await dialog.getByLabel('Weight').fill('3');
    await dialog.getByLabel('Maximum open leads').fill('12');
    await dialog.getByLabel('Time zone').selectOption('America/New_York');
    await dialog.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await dialog.getByLabel('Saturday opens').fill('10:00');
    await dialog.getByLabel('Saturday closes').fill('14:00');
    await dialog.getByRole('button', { name: 'Add hours on Monday' }).click();
    await dialog.getByLabel('Monday closes, interval 1').fill('12:00');
    await dialog.getByRole('button', { name: 'Add a holiday' }).click();
    await dialog.getByLabel('Holiday 1 from').fill('2026-12-24');
    await dialog.getByLabel('Holiday 1 until (optional)').fill('2026-12-26');
    await dialog.getByRole('button', { name: 'Add a period' }).click();
    await dialog.getByLabel('Away 1 note').fill('Ski trip');
    await check(page, 'settings-rep-editor-1280');
    await dialog.getByRole('button', { name: 'Add rep' }).click();
    await page.getByRole('cell', { name: 'Nora Night nora@example.com' }).waitFor();

    const nora = (await list<Rep>('/v1/reps?limit=100')).find((r) => r.name === 'Nora Night')!;
    expect(nora.workingHours.timeZone).toBe('America/New_York');
    expect(nora.workingHours.weekly.mon).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(nora.workingHours.weekly.sat).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(nora.workingHours.holidays).toEqual([{ from: '2026-12-24', to: '2026-12-26' }]);
    expect(nora.outOfOffice).toEqual([expect.objectContaining({ note: 'Ski trip' })]);
    await expect(
      page.getByText('Mon 09:00–12:00, 13:00–17:00 · Tue–Fri 09:00–17:00 · Sat 10:00–14:00').count(),
    ).resolves.toBe(1);

    // Editing keeps what was stored and changes one thing.
    await page.getByRole('button', { name: 'Edit Nora Night' }).click();
    const edit = page.getByRole('dialog', { name: 'Nora Night' });
    await expect(edit.getByLabel('Saturday opens').inputValue()).resolves.toBe('10:00');
    await edit.getByLabel('Active (takes new leads)').uncheck();
    await edit.getByRole('button', { name: 'Save rep' }).click();
    await page.getByRole('button', { name: 'Activate Nora Night' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('previews a due time in the calendar and puts a new business-hours policy first', async () => {
    const page = await signedInPage(browser, server);
    await open(page, '/app/sla', 'SLA');
    // The Office calendar opens Monday and Friday 09:00–17:00 in Berlin: a lead after Friday's close waits for Monday;
    // ten hours are Monday's eight and two of the next Friday.
    await page.getByText('A lead at Friday 17:30 is due Monday 10:00.').waitFor();
    await page.getByLabel('Target (minutes)').fill('600');
    await page.getByText(/^A lead at Friday 17:30 is due Friday 11:00 \(\d+ \w+\)\.$/).waitFor();

    await page.getByRole('button', { name: 'New policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'New SLA policy' });
    await dialog.getByLabel('Policy name').fill('Enterprise in office hours');
    await dialog.getByLabel('First response within (minutes)').fill('120');
    await dialog.getByLabel('Clock').selectOption('business');
    await dialog.getByLabel('Calendar', { exact: true }).selectOption({ label: 'Office' });
    await dialog.getByLabel('Reassign the lead to someone else').check();
    await check(page, 'settings-sla-policy-editor-1280');
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: /2\. Enterprise in office hours/ }).waitFor();
    await page.getByRole('button', { name: 'Move up Enterprise in office hours' }).click();
    await page.getByRole('heading', { name: /1\. Enterprise in office hours/ }).waitFor();
    const policies = await list<{ name: string; calendarId: string | null; escalation: { reassign: boolean } }>(
      '/v1/sla-policies?limit=100',
    );
    expect(policies.map((p) => p.name)).toEqual(['Enterprise in office hours', 'Answer within an hour']);
    expect(policies[0]!.calendarId).toMatch(/^cal_/);
    expect(policies[0]!.escalation.reassign).toBe(true);
    await page.context().close();
  }, 90_000);

  it('changes a capacity policy and shows its demand against capacity', async () => {
    const page = await signedInPage(browser, server);
    await open(page, '/app/capacity', 'Capacity');
    await page.getByText('500 leads per week').waitFor();
    // The current window: the fixture's three leads took three places of 500.
    await expect(page.locator('.stat').allTextContents()).resolves.toEqual(['3 taken', '497 left']);
    await page.locator('summary', { hasText: 'Demand vs capacity per week' }).click();
    await page.locator('.chart canvas, .demand table, .demand .empty').first().waitFor();
    await page.getByRole('button', { name: 'Edit Capacity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capacity' });
    await dialog.getByLabel('Leads per window').fill('300');
    await dialog.getByLabel('Window', { exact: true }).selectOption('day');
    await dialog.getByLabel('When full').selectOption('closed');
    await dialog.getByLabel('Message visitors see').fill('Back tomorrow');
    await check(page, 'settings-capacity-editor-1280');
    await dialog.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('300 leads per day').waitFor();
    await page.getByText('the form closes and read “Back tomorrow”').waitFor();
    const [policy] = await list<{ policy: Record<string, unknown> }>('/v1/capacity-policies');
    expect(policy!.policy).toMatchObject({
      limit: { count: 300, per: 'day' },
      whenFull: { action: 'closed', message: 'Back tomorrow' },
    });
    await page.context().close();
  }, 90_000);

  it('adds an endpoint, reveals and rotates its secret, and filters its delivery log', async () => {
    const page = await signedInPage(browser, server);
    await open(page, '/app/webhooks', 'Webhooks');
    await page.getByLabel('URL').fill('https://hooks.example.com/inlet');
    await page.getByLabel('lead.assigned').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.locator('code.secret');
    await secret.waitFor();
    const first = await secret.textContent();
    await page.getByRole('button', { name: 'Hide secret' }).click();
    await page.getByRole('button', { name: /^Reveal secret/ }).click();
    await expect(secret.textContent()).resolves.toBe(first);
    await page.getByRole('button', { name: /^Rotate secret/ }).click();
    await page.waitForFunction((old) => document.querySelector('code.secret')?.textContent !== old, first);

    // A lead now makes a delivery; the log lists it and the status filter narrows it.
    await server.submit({ name: 'Hook Lead', email: 'hook@example.com' }, 'https://www.example.com/');
    await page.reload();
    await page.getByRole('cell', { name: 'lead.created' }).first().waitFor();
    await check(page, 'settings-webhooks-1280');
    await page.getByLabel('Status').selectOption('delivered');
    await page.getByText('No delivered deliveries.').waitFor();
    await page.context().close();
  }, 90_000);

  it('creates a team with the keyboard alone, focus always visible', async () => {
    const page = await signedInPage(browser, server);
    await open(page, '/app/team', 'Team');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
          label: el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '',
          outline: style ? style.outlineStyle !== 'none' && style.outlineWidth !== '0px' : false,
        };
      });
    const tabTo = async (want: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (want(f)) {
          expect(f.outline, `visible focus on ${f.text || f.label}`).toBe(true);
          return;
        }
      }
      throw new Error('never reached the control with Tab');
    };
    await tabTo((f) => f.text === 'New team');
    await page.keyboard.press('Enter');
    await tabTo((f) => f.label === 'Team name');
    await page.keyboard.type('Night shift');
    await tabTo((f) => f.label === 'Slack webhook URL (optional)');
    await tabTo((f) => f.text === 'Create team');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Night shift' }).waitFor();
    expect((await list<{ name: string }>('/v1/teams?limit=100')).map((t) => t.name)).toContain('Night shift');
    await page.context().close();
  }, 90_000);

  it('shows a member every settings screen read-only', async () => {
    const db = server.handle.db;
    const member = { email: 'member.settings@example.com', name: 'Mo Member', password: 'correct horse battery' };
    await upsertPerson(db, member, new Date());
    await addMember(db, server.demo.tenantId, (await findUserByEmail(db, member.email))!.id, 'member', new Date());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const res = await context.request.post(`${server.apiUrl}/v1/auth/sign-in/email`, {
      data: { email: member.email, password: member.password },
      headers: { origin: server.apiUrl },
    });
    expect(res.ok()).toBe(true);
    const page = await context.newPage();
    for (const [path, heading, shows] of [
      ['/app/team', 'Team', 'Rita Rep'],
      ['/app/sla', 'SLA', /^A lead at Friday 17:30 is due Monday/],
      ['/app/capacity', 'Capacity', 'leads per'],
    ] as const) {
      await open(page, path, heading);
      await page.getByText(shows).first().waitFor();
      expect(await page.locator('main input:enabled, main select:enabled, main textarea:enabled').count(), path).toBe(
        0,
      );
      expect(await page.locator('main button:visible').count(), path).toBe(0);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await screenshot(page, 'settings-team-member-1280');
    await context.close();
  }, 90_000);

  it('keeps every editor usable at phone width', async () => {
    const page = await signedInPage(browser, server, 390);
    await open(page, '/app/team', 'Team');
    await page.getByRole('button', { name: 'Add a rep to Sales' }).click();
    await page.getByRole('dialog', { name: 'New rep' }).getByLabel('Name', { exact: true }).waitFor();
    await check(page, 'settings-rep-editor-390');
    await open(page, '/app/sla', 'SLA');
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByRole('dialog', { name: 'New SLA policy' }).getByLabel('Policy name').waitFor();
    await check(page, 'settings-sla-policy-editor-390');
    await open(page, '/app/capacity', 'Capacity');
    await page.getByRole('button', { name: 'Edit Capacity' }).click();
    await page.getByRole('dialog', { name: 'Capacity' }).getByLabel('Policy name').waitFor();
    await check(page, 'settings-capacity-editor-390');
    await open(page, '/app/webhooks', 'Webhooks');
    await check(page, 'settings-webhooks-390');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.context().close();
  }, 90_000);
});
