/**
 * `Accept: text/csv` on lists and reports: every row (past one page), the filters respected, cells
 * safe from formula injection, errors still problem+json, and a single resource still JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

/** An RFC 4180 reader: enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  return rows;
}

const NASTY = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3+4', '@SUM(A1)', '=1+1', 'Quote "me", ok'];

describe.each(testDbKinds)('CSV export on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  const csv = (path: string, accept = 'text/csv') => t.api(path, { headers: { accept } });
  const table = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    return parseCsv(await res.text());
  };

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    await seedReps(h.handle.db, t.tenantId, team, [{ name: 'Ann' }]);
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    await seedSlaPolicy(h.handle.db, t.tenantId, { targets: { firstResponseMinutes: 30, clock: 'calendar' } });
    for (let i = 0; i < 124; i++) await submit(h, formId, { values: { name: `Lead ${i}`, email: `l${i}@co.example` } });
    for (const [i, name] of NASTY.entries())
      await submit(h, formId, { values: { name, email: `nasty${i}@co.example` } });
    await h.settle();
  });
  afterAll(() => h.close());

  it('answers every lead, not one page, whatever limit was asked', async () => {
    const rows = await table(await csv('/v1/leads?limit=5'));
    const [header, ...body] = rows;
    expect(header).toEqual(
      expect.arrayContaining(['id', 'formId', 'status', 'values.name', 'values.email', 'sla.state', 'sla.dueAt']),
    );
    expect(body).toHaveLength(130);
    expect(new Set(body.map((r) => r[0])).size).toBe(130);
    const res = await csv('/v1/leads');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="leads.csv"');
  });

  it('applies the filters', async () => {
    const [header, ...body] = await table(await csv('/v1/leads?q=nasty'));
    expect(body).toHaveLength(NASTY.length);
    const email = header!.indexOf('values.email');
    expect(body.map((r) => r[email]).sort()).toEqual(NASTY.map((_, i) => `nasty${i}@co.example`).sort());
  });

  it('neutralises formula cells and keeps quotes and commas intact', async () => {
    const [header, ...body] = await table(await csv('/v1/leads?q=nasty'));
    const names = body.map((r) => r[header!.indexOf('values.name')]!);
    expect(names.sort()).toEqual(
      [`'=HYPERLINK("http://evil.example","x")`, `'+1+2`, `'-3+4`, `'@SUM(A1)`, `'=1+1`, 'Quote "me", ok'].sort(),
    );
  });

  it('answers reports as CSV tables', async () => {
    // The harness clock stands still, so the leads were created at `now`: reach a little past it.
    const to = encodeURIComponent(new Date(h.clock.now.getTime() + 60_000).toISOString());
    const sla = await table(await csv(`/v1/reports/sla?groupBy=rep&to=${to}`));
    expect(sla[0]).toEqual(expect.arrayContaining(['key', 'leads', 'answered', 'withinTarget', 'breaches']));
    expect(sla.slice(1).reduce((n, r) => n + Number(r[sla[0]!.indexOf('leads')]), 0)).toBe(130);
    const capacity = await table(await csv(`/v1/reports/capacity?formId=${formId}&groupBy=day&to=${to}`));
    expect(capacity[0]).toEqual(expect.arrayContaining(['key', 'demand', 'accepted']));
    for (const path of ['/v1/reports/attribution', '/v1/reports/pipeline', '/v1/reports/retention']) {
      const res = await csv(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/csv/);
    }
    const pipeline = await table(await csv(`/v1/reports/pipeline?groupBy=owner&to=${to}`));
    expect(pipeline.length).toBeGreaterThan(1);
  });

  it('answers other lists as CSV too, and an empty list as an empty file', async () => {
    const teams = await table(await csv('/v1/teams'));
    expect(teams[0]).toEqual(expect.arrayContaining(['id', 'name']));
    expect(teams).toHaveLength(2);
    const keys = await csv('/v1/webhook-endpoints');
    expect(keys.status).toBe(200);
    expect(await keys.text()).toBe('');
  });

  it('keeps errors as problem+json and single resources as JSON; JSON stays the default', async () => {
    const bad = await csv('/v1/leads?sla=late');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const anon = await h.request('/v1/leads', { headers: { accept: 'text/csv' } });
    expect(anon.status).toBe(401);
    const one = await csv(`/v1/forms/${formId}`);
    expect(one.headers.get('content-type')).toMatch(/application\/json/);
    const json = await t.api('/v1/leads', { headers: { accept: '*/*' } });
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    const preferred = await csv('/v1/leads?limit=1', 'application/json;q=0.9, text/csv;q=1');
    expect(preferred.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});
