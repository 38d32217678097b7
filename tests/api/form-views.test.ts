/**
 * The public form read is never refused, but it only counts what it should: a view once per
 * visitor, form and local day, nothing at all past a client's per-form budget, and crafted view
 * parameters cleaned rather than refused.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formViews, formViewVisitors } from '../../api/src/db/schema';
import { runTick } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, type Harness, type TestTenant } from '../helpers/harness';
import { changedTables, snapshotTables } from '../helpers/table-snapshot';

const BUDGET = 5;

describe.each(testDbKinds)('form views on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;

  beforeAll(async () => {
    h = await createHarness(kind, { limits: { viewsPerMinute: BUDGET } });
    t = await seedTenant(h);
  });
  afterAll(() => h?.close());

  const read = (formId: string, query = '', headers: Record<string, string> = {}) =>
    h.request(`/v1/public/forms/${formId}${query}`, { headers: { origin: ORIGIN, ...headers } });
  const viewsOf = async (formId: string) => {
    await h.settle();
    const rows = await h.handle.db.select().from(formViews).where(eq(formViews.formId, formId));
    return rows.reduce((n, r) => n + r.views, 0);
  };
  // Each test moves to a minute of its own, so one test's reads never spend another's budget.
  let minute = 0;
  const nextMinute = () => h.clock.set(new Date(Date.UTC(2026, 10, 24, 12, minute++)));

  it('counts a visitor who reloads 200 times as one view, and counts them again the next day', async () => {
    const form = await t.createForm();
    for (let round = 0; round < 40; round++) {
      nextMinute();
      for (let i = 0; i < BUDGET; i++) expect((await read(form.id, '?v=visitor_reloader')).status).toBe(200);
    }
    expect(await viewsOf(form.id)).toBe(1);
    h.clock.set('2026-11-25T12:00:00Z');
    await read(form.id, '?v=visitor_reloader');
    expect(await viewsOf(form.id)).toBe(2);
  });

  it('counts distinct visitors, and a client without a visitor id once a day', async () => {
    const form = await t.createForm();
    nextMinute();
    for (const v of ['visitor_aaaa1', 'visitor_bbbb2', 'visitor_aaaa1']) await read(form.id, `?v=${v}`);
    // No (or a malformed) visitor id: counted by the client's address, once.
    nextMinute();
    for (const q of ['', '', '?v=x', '?v=%00%00%00%00%00%00%00%00']) expect((await read(form.id, q)).status).toBe(200);
    expect(await viewsOf(form.id)).toBe(3);
    const keys = await h.handle.db.select().from(formViewVisitors).where(eq(formViewVisitors.formId, form.id));
    // The address itself is never stored: the key is a hash.
    expect(keys.map((k) => k.visitor).sort()).toEqual([
      expect.stringMatching(/^a:[0-9a-f]{32}$/),
      'v:visitor_aaaa1',
      'v:visitor_bbbb2',
    ]);
  });

  it('serves the form past the budget without counting or writing anything', async () => {
    const form = await t.createForm();
    nextMinute();
    for (let i = 0; i < BUDGET; i++) await read(form.id, `?v=visitor_budget${i}`);
    expect(await viewsOf(form.id)).toBe(BUDGET);
    const before = await snapshotTables(h.handle.db);
    for (let i = 0; i < 20; i++) {
      const res = await read(
        form.id,
        `?v=visitor_over${i}&u=${encodeURIComponent(`https://x.example/?utm_campaign=flood${i}`)}`,
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { availability: { state: string } }).availability.state).toBe('open');
    }
    await h.settle();
    expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
    // The budget is per form: another form of the same site is counted as usual.
    const other = await t.createForm();
    await read(other.id, '?v=visitor_budget0');
    expect(await viewsOf(other.id)).toBe(1);
  });

  it('cleans a crafted view query instead of refusing it, and cuts campaign values to 200 characters', async () => {
    const form = await t.createForm();
    nextMinute();
    const long = 'c'.repeat(5000);
    const crafted = [
      `?v=visitor_crafted1&u=${encodeURIComponent(`https://www.example.com/?utm_source=a%00b&utm_campaign=${long}`)}`,
      '?v=visitor_crafted2&u=https%3A%2F%2Fwww.example.com%2F%3Futm_campaign%3D%2500x&r=%00%ED%A0%80',
      `?v=visitor_crafted3&u=${'%F0%9F'.repeat(10)}&r=%ED%A0%80%00`,
      // A parameter given twice (a pasted link): still the form.
      '?v=visitor_crafted4&u=https%3A%2F%2Fa.example%2F&u=https%3A%2F%2Fb.example%2F&r=x&r=y&v=visitor_crafted5',
    ];
    for (const q of crafted) {
      const res = await read(form.id, q);
      expect(res.status, q).toBe(200);
      expect(((await res.json()) as { fields: unknown[] }).fields.length).toBeGreaterThan(0);
    }
    await h.settle();
    const rows = await h.handle.db.select().from(formViews).where(eq(formViews.formId, form.id));
    expect(rows.reduce((n, r) => n + r.views, 0)).toBe(4);
    for (const r of rows) {
      expect(r.campaign.length).toBeLessThanOrEqual(200);
      expect(r.campaign.includes('\u0000')).toBe(false);
    }
    expect(rows.some((r) => r.campaign === 'c'.repeat(200))).toBe(true);
  });

  it('forgets who was counted once no time zone is still on that day, keeping the counts', async () => {
    const form = await t.createForm();
    h.clock.set('2026-11-20T12:00:00Z');
    await read(form.id, '?v=visitor_old00001');
    await h.settle();
    await runTick(h.handle.db, new Date('2026-11-23T12:00:00Z'), h.deps);
    const left = await h.handle.db.select().from(formViewVisitors).where(eq(formViewVisitors.formId, form.id));
    expect(left).toEqual([]);
    expect(await viewsOf(form.id)).toBe(1);
  });
});
