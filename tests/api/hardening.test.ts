/**
 * Issue 10 §1–3 and what the fuzz (tests/fuzz/) found: client text that becomes unstorable only once
 * decoded, bodies nested too deep, `__proto__` keys. Each case answers a 4xx problem+json with a
 * stable type and changes no row of any table, or is cleaned and stored whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { changedTables, snapshotTables } from '../helpers/table-snapshot';

const P = 'https://inlet.dev/problems/';
const at = '2026-11-20T09:00:00Z';

describe.each(testDbKinds)('hardened input on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  const values = { name: 'Ada', email: 'ada@example.com' };

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
  });
  afterAll(() => h.close());

  /** Sends, expects the problem, and proves that no table changed. */
  async function refused(send: () => Promise<Response>, status: number, type: string) {
    await h.settle();
    const before = await snapshotTables(h.handle.db);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as any;
    expect(body.type).toBe(P + type);
    await h.settle();
    expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
    return body;
  }

  /** An authenticated POST of JSON text as written (JSON.stringify cannot write a `__proto__` key). */
  const apiText = (path: string, body: string) =>
    h.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body,
    });

  const leadOf = async (res: Response) => {
    expect(res.status).toBe(201);
    return (await (await t.api(`/v1/leads/${((await res.json()) as any).leadId}`)).json()) as any;
  };

  describe('§1 text that is unstorable only once decoded', () => {
    it('refuses a percent-encoded NUL in a touchpoint URL UTM tag (422 at touchpoints.0.url)', async () => {
      const body = await refused(
        () =>
          submit(h, formId, {
            values,
            touchpoints: [{ url: 'https://www.example.com/?utm_source=a%00b', occurredAt: at }],
          }),
        422,
        'validation-failed',
      );
      expect(body.errors).toEqual([{ path: 'touchpoints.0.url', message: expect.stringContaining('utm_source') }]);
    });

    it('refuses a percent-encoded NUL in a click id of a later touchpoint (422 at touchpoints.1.url)', async () => {
      const touchpoints = [
        { url: 'https://www.example.com/', occurredAt: at },
        { url: 'https://www.example.com/?gclid=%00', occurredAt: at },
      ];
      const body = await refused(() => submit(h, formId, { values, touchpoints }), 422, 'validation-failed');
      expect(body.errors.map((e: any) => e.path)).toEqual(['touchpoints.1.url']);
    });

    it('names the bad touchpoint URL and the bad values together', async () => {
      const touchpoints = [{ url: 'https://www.example.com/?utm_campaign=%00', occurredAt: at }];
      const body = await refused(
        () => submit(h, formId, { values: { name: 'Ada' }, touchpoints }),
        422,
        'validation-failed',
      );
      expect(body.errors.map((e: any) => e.path).sort()).toEqual(['touchpoints.0.url', 'values.email']);
    });

    it('keeps a NUL outside the kept parameters as the URL says (the URL itself stays encoded)', async () => {
      const url = 'https://www.example.com/p?other=%00&utm_source=news';
      const lead = await leadOf(await submit(h, formId, { values, touchpoints: [{ url, occurredAt: at }] }));
      expect(lead.firstTouch).toMatchObject({ landingPage: url, source: 'news' });
    });

    it('cleans a percent-encoded NUL in the Referer the server records when no touchpoint is sent', async () => {
      const referer = 'https://www.example.com/pricing?utm_source=ne%00ws&utm_medium=em%00ail&gclid=%00';
      const lead = await leadOf(await submit(h, formId, { values }, { referer }));
      expect(lead.firstTouch).toMatchObject({
        landingPage: referer,
        source: 'news',
        medium: 'email',
        channel: 'email',
      });
      expect(lead.firstTouch.clickIds).toEqual({});
    });

    it('cuts a long decoded Referer tag without splitting an emoji (half a pair cannot be stored)', async () => {
      // 2047 ASCII characters, then an emoji straddling the 2048-unit cut.
      const referer = `https://www.example.com/?utm_campaign=${'a'.repeat(2047)}${encodeURIComponent('🚀')}`;
      const lead = await leadOf(await submit(h, formId, { values }, { referer }));
      expect(lead.firstTouch.campaign).toBe('a'.repeat(2047));
    });
  });

  describe('§2 deeply nested JSON', () => {
    it('refuses 64 KB of [[[[…]]]] with 400 malformed-request, not a 5xx', () => {
      const half = 32 * 1024 - 1; // just under the public body limit
      return refused(() => submit(h, formId, '['.repeat(half) + ']'.repeat(half)), 400, 'malformed-request');
    });

    it('refuses an unbalanced 64 KB of [[[[ with 400 too', () =>
      refused(() => submit(h, formId, '['.repeat(64 * 1024 - 1)), 400, 'malformed-request'));

    it('refuses a well-formed body nested 33 levels deep (400)', async () => {
      const body = await refused(
        () => submit(h, formId, `{"values":${'['.repeat(32)}${']'.repeat(32)}}`),
        400,
        'malformed-request',
      );
      expect(body.detail).toContain('32');
    });

    it('refuses a deep body on an authenticated route too (400)', () =>
      refused(
        () => t.api('/v1/routing/rules', { body: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) }),
        400,
        'malformed-request',
      ));

    it('reads brackets inside strings as text: 32 levels and a string of brackets pass the check', async () => {
      const deep = `${'['.repeat(31)}"${'['.repeat(100)}\\"["${']'.repeat(31)}`;
      const res = await submit(h, formId, `{"values":{"name":"Ada","email":"ada@example.com"},"honeypot":${deep}}`);
      // 32 levels are allowed by the depth check; the schema then says honeypot is not a string.
      expect(res.status).toBe(422);
    });
  });

  describe('§3 __proto__ and other inherited names', () => {
    it('refuses a __proto__ key in values (422), instead of dropping it and storing the lead', async () => {
      const body = await refused(
        () => submit(h, formId, '{"values":{"name":"Ada","email":"ada@example.com","__proto__":"x"}}'),
        422,
        'validation-failed',
      );
      expect(body.errors).toEqual([{ path: 'values', message: 'Unrecognized key: "__proto__"' }]);
    });

    it('refuses a __proto__ object in values that would otherwise supply the fields (422)', () =>
      refused(
        () => submit(h, formId, '{"values":{"__proto__":{"name":"Ada","email":"ada@example.com"}}}'),
        422,
        'validation-failed',
      ));

    it('refuses __proto__ in a touchpoint, at the top level and in a condition (422)', async () => {
      const touch = `{"url":"https://www.example.com/","occurredAt":"${at}","__proto__":{}}`;
      const sent = `{"values":{"name":"A","email":"a@b.co"},"touchpoints":[${touch}]}`;
      expect((await refused(() => submit(h, formId, sent), 422, 'validation-failed')).errors[0].path).toBe(
        'touchpoints.0',
      );
      await refused(() => submit(h, formId, '{"__proto__":{},"values":{}}'), 422, 'validation-failed');
      const condition = '{"__proto__":{"all":[]},"field":"form","op":"exists"}';
      const action = '{"teamId":"team_01JD3Q5V7X9K2M4N6P8R0S2T4V","strategy":"round_robin"}';
      await refused(
        () => apiText('/v1/routing/rules', `{"name":"r","condition":${condition},"action":${action}}`),
        422,
        'validation-failed',
      );
    });

    it('refuses __proto__ in a form theme (422)', () => {
      const form = `{"name":"F","fields":[{"key":"name","label":"Name","type":"text"}],"allowedOrigins":[]`;
      return refused(
        () => apiText('/v1/forms', `${form},"theme":{"__proto__":{"primaryColor":"#fff"}}}`),
        422,
        'validation-failed',
      );
    });

    it('takes constructor and prototype as field keys when the form has them, absent or present', async () => {
      const form = await t.createForm({
        fields: [
          { key: 'email', label: 'Email', type: 'email', required: true },
          { key: 'constructor', label: 'Builder', type: 'text' },
          { key: 'prototype', label: 'Prototype', type: 'text' },
          { key: 'toString', label: 'As text', type: 'text' },
        ],
      });
      const absent = await leadOf(await submit(h, form.id, { values: { email: 'ada@example.com' } }));
      expect(absent.values).toEqual({ email: 'ada@example.com' });
      const present = await leadOf(
        await submit(h, form.id, { values: { email: 'ada@example.com', constructor: 'Lego', prototype: 'v1' } }),
      );
      expect(present.values).toEqual({ email: 'ada@example.com', constructor: 'Lego', prototype: 'v1' });
    });

    it('refuses constructor and prototype like any other name when the form has no such field (422)', async () => {
      for (const key of ['constructor', 'prototype']) {
        const body = await refused(
          () => submit(h, formId, { values: { ...values, [key]: 'x' } }),
          422,
          'validation-failed',
        );
        expect(JSON.stringify(body.errors)).toContain(key);
      }
    });
  });

  describe('found by the fuzz', () => {
    it.each([
      ['8.64e15 + 1 ms, a safe integer past the last JavaScript date', 8640000000000001],
      ['year 0000, valid ISO text Postgres cannot store', '0000-01-01T00:00:00Z'],
    ])('refuses a touchpoint time of %s (422 at touchpoints.0.occurredAt, not a 5xx)', async (_, occurredAt) => {
      const touchpoints = [{ url: 'https://www.example.com/', occurredAt }];
      const body = await refused(() => submit(h, formId, { values, touchpoints }), 422, 'validation-failed');
      expect(body.errors.map((e: any) => e.path)).toEqual(['touchpoints.0.occurredAt']);
    });

    it('takes the last time JavaScript can hold', async () => {
      const touchpoints = [{ url: 'https://www.example.com/', occurredAt: 8.64e15 }];
      const lead = await leadOf(await submit(h, formId, { values, touchpoints }));
      expect(lead.firstTouch).toBeTruthy();
    });
  });

  it('lets an allowed origin read these refusals too', async () => {
    const res = await submit(h, formId, '['.repeat(100));
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});
