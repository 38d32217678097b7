import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('lead lists on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formA: string;
  let formB: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formA = (await t.createForm({ name: 'A' })).id;
    formB = (await t.createForm({ name: 'B' })).id;
    const send = async (name: string, formId: string, at: string, url: string, referrer = '') => {
      h.clock.set(at);
      const res = await submit(h, formId, {
        values: { name, email: `${name}@example.com` },
        touchpoints: [{ url, referrer, occurredAt: at }],
      });
      ids[name] = ((await res.json()) as any).leadId;
    };
    await send('search', formA, '2026-11-01T10:00:00Z', 'https://www.example.com/', 'https://www.google.com/');
    await send(
      'social',
      formA,
      '2026-11-02T10:00:00Z',
      'https://www.example.com/?utm_source=facebook&utm_medium=paid_social',
    );
    await send(
      'mail',
      formB,
      '2026-11-03T10:00:00Z',
      'https://www.example.com/?utm_source=newsletter&utm_medium=email',
    );
    await send('direct', formB, '2026-11-04T10:00:00Z', 'https://www.example.com/');
  });
  afterAll(() => h.close());

  const list = async (q: string) => {
    const res = await t.api(`/v1/leads?${q}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { data: { id: string; values: Record<string, unknown> }[]; nextCursor: string | null };
  };
  const names = (page: { data: { values: Record<string, unknown> }[] }) => page.data.map((l) => l.values.name);

  it('lists newest first', async () =>
    expect(names(await list('limit=10'))).toEqual(['direct', 'mail', 'social', 'search']));

  it('filters by form', async () => expect(names(await list(`formId=${formB}`))).toEqual(['direct', 'mail']));

  it('filters by first-touch channel', async () => {
    expect(names(await list('channel=organic_search'))).toEqual(['search']);
    expect(names(await list('channel=paid_social'))).toEqual(['social']);
    expect(names(await list('channel=email'))).toEqual(['mail']);
  });

  it('filters by date range (from inclusive, to exclusive)', async () =>
    expect(names(await list('from=2026-11-02T10:00:00Z&to=2026-11-04T10:00:00Z'))).toEqual(['mail', 'social']));

  it('pages with a cursor without gaps or repeats', async () => {
    const first = await list('limit=3');
    expect(first.data).toHaveLength(3);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`limit=3&cursor=${first.nextCursor}`);
    expect(names(second)).toEqual(['search']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 400 problem+json for a bad query', async () => {
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'channel=tv',
      'from=yesterday',
      'cursor=%00',
      'formId=nope',
    ]) {
      const res = await t.api(`/v1/leads?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as any).type).toBe('https://inlet.dev/problems/invalid-query');
    }
  });

  it('answers 400 for a malformed lead id and 404 for an unknown one', async () => {
    expect((await t.api('/v1/leads/not-an-id')).status).toBe(400);
    expect((await t.api('/v1/leads/lead_01JD3Q5V7X9K2M4N6P8R0S2T4V')).status).toBe(404);
  });
});
