/** What visitors see when the team behind a form is full. */
import { eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityPolicies, capacityPolicyForms } from '../../api/src/db/schema';
import { forgetAvailability } from '../../api/src/verbs/availability-cache';
import { launchBrowser } from '../helpers/browser';
import { startTestServer } from '../helpers/local-server';
import { seedCapacityPolicy } from '../helpers/routing-seed';

describe('form availability in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const setPolicy = async (limit: number, whenFull: { action: 'closed' | 'waitlist'; message?: string }) => {
    const { tenantId, formId } = server.demo;
    const gating = server.handle.db
      .select({ id: capacityPolicyForms.policyId })
      .from(capacityPolicyForms)
      .where(eq(capacityPolicyForms.formId, formId));
    await server.handle.db.delete(capacityPolicies).where(inArray(capacityPolicies.id, gating));
    await seedCapacityPolicy(server.handle.db, tenantId, formId, { limit: { count: limit, per: 'day' }, whenFull });
    forgetAvailability(formId); // the API does this when a policy changes through it
  };
  const open = async (): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.demoUrl);
    return page;
  };

  it('shows a closed form’s message instead of the form', async () => {
    await setPolicy(0, { action: 'closed', message: 'We are fully booked this week.' });
    const page = await open();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('We are fully booked this week.');
    expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(0);
  });

  it('keeps the visitor’s input and says so when the form fills up between load and submit', async () => {
    await setPolicy(1, { action: 'closed', message: 'Sorry, we just filled up for today.' });
    const page = await open();
    await page.getByLabel('Full name').fill('Late Larry');
    await page.getByLabel('Work email').fill('larry@late.example');
    // Someone else takes the last place meanwhile.
    const other = await fetch(`${server.apiUrl}/v1/public/forms/${server.demo.formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ values: { name: 'Early Erin', email: 'erin@early.example' } }),
    });
    expect(other.status).toBe(201);
    await page.waitForTimeout(900);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sorry, we just filled up for today.');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Late Larry');
    expect(await page.getByLabel('Work email').inputValue()).toBe('larry@late.example');
  });

  it('takes a waitlisted lead and tells the visitor what to expect', async () => {
    await setPolicy(0, { action: 'waitlist', message: 'We are busy: expect a reply within 3 days.' });
    const page = await open();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('expect a reply within 3 days');
    await page.getByLabel('Full name').fill('Patient Pat');
    await page.getByLabel('Work email').fill('pat@patient.example');
    await page.waitForTimeout(900);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('expect a reply within 3 days');
  });
});
