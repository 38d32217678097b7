/** Won deals exported as each ad platform's offline-conversion upload CSV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('offline conversions export on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let metaLead: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const lead = async (url: string, email: string) =>
      (
        (await (
          await submit(h, formId, {
            values: { name: 'N', email },
            touchpoints: [{ url, occurredAt: '2026-11-10T09:00:00Z' }],
          })
        ).json()) as any
      ).leadId as string;
    h.clock.set('2026-11-10T10:00:00Z');
    const google = await lead(
      'https://www.example.com/?gclid=Cj0KCQ-abc&utm_source=google&utm_medium=cpc',
      'g@x.example',
    );
    metaLead = await lead(
      'https://www.example.com/?fbclid=IwAR2xyz&utm_source=facebook&utm_medium=paid',
      'm@x.example',
    );
    const bing = await lead('https://www.example.com/?msclkid=f894f652ea33', 'b@x.example');
    const organic = await lead('https://www.example.com/', 'o@x.example');
    await lead('https://www.example.com/?gclid=notwon', 'n@x.example');
    h.clock.set('2026-11-20T12:30:00Z');
    await t.api(`/v1/leads/${google}/events`, { body: { type: 'won', amount: 1234.5, currency: 'USD' } });
    await t.api(`/v1/leads/${metaLead}/events`, { body: { type: 'won', amount: 150000, currency: 'JPY' } });
    await t.api(`/v1/leads/${bing}/events`, { body: { type: 'won', amount: '1.005', currency: 'KWD' } });
    await t.api(`/v1/leads/${organic}/events`, { body: { type: 'won', amount: 10, currency: 'USD' } });
  });
  afterAll(() => h.close());

  const csv = async (q: string) => {
    const res = await t.api(`/v1/exports/offline-conversions?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    return (await res.text()).split('\r\n');
  };

  it('answers Google Ads, Meta and Microsoft Ads upload columns with the won deals that carry their click id', async () => {
    expect(await csv('platform=google_ads')).toEqual([
      'Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency',
      'Cj0KCQ-abc,Won deal,2026-11-20 12:30:00+0000,1234.50,USD',
      '',
    ]);
    expect(await csv('platform=microsoft_ads&conversionName=Closed%20deal')).toEqual([
      'Microsoft Click Id,Conversion Name,Conversion Time,Conversion Value,Conversion Currency Code',
      'f894f652ea33,Closed deal,2026-11-20T12:30:00Z,1.005,KWD',
      '',
    ]);
    expect(await csv('platform=meta&conversionName=Purchase')).toEqual([
      'event_name,event_time,action_source,fbc,value,currency,order_id',
      `Purchase,${Date.parse('2026-11-20T12:30:00Z') / 1000},system_generated,fb.1.${Date.parse('2026-11-10T09:00:00Z')}.IwAR2xyz,150000,JPY,${metaLead}`,
      '',
    ]);
  });

  it('selects by the time won, refuses an unknown platform, and shows another tenant nothing', async () => {
    const res = await t.api(
      '/v1/exports/offline-conversions?platform=google_ads&from=2026-11-21T00:00:00Z&to=2026-12-01T00:00:00Z',
    );
    expect((await res.text()).trim().split('\r\n')).toHaveLength(1);
    expect((await t.api('/v1/exports/offline-conversions?platform=tiktok')).status).toBe(400);
    const other = await seedTenant(h, 'Other');
    const theirs = await other.api(
      '/v1/exports/offline-conversions?platform=google_ads&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z',
    );
    expect((await theirs.text()).trim().split('\r\n')).toHaveLength(1);
  });
});
