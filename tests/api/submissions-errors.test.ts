/**
 * Bad input: every case is a 4xx problem+json with a stable type, and nothing is stored
 * (row counts of every table the submission path writes stay the same).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';

const P = 'https://inlet.dev/problems/';

describe.each(testDbKinds)('bad submissions on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  const valid = { values: { name: 'Ada', email: 'ada@example.com' } };

  beforeAll(async () => {
    h = await createHarness(kind, { limits: { publicBodyBytes: 4096 } });
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
  });
  afterAll(() => h.close());

  async function expectProblem(res: Response, status: number, type: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as any;
    expect(body.type).toBe(P + type);
    expect(body.status).toBe(status);
    expect(typeof body.detail).toBe('string');
    expect(body.requestId).toBeTruthy();
    return body;
  }

  async function storesNothing(send: () => Promise<Response>, status: number, type: string) {
    const before = await t.rowCounts();
    const body = await expectProblem(await send(), status, type);
    expect(await t.rowCounts()).toEqual(before);
    return body;
  }

  const post = (body: BodyInit | null, headers: Record<string, string>, id = formId) =>
    h.request(`/v1/public/forms/${id}/submissions`, { method: 'POST', headers: { origin: ORIGIN, ...headers }, body });

  it('refuses a content type other than JSON with 415', () =>
    storesNothing(
      () => post('name=Ada&email=ada@example.com', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    ));

  it('refuses a body without a content type with 415', () =>
    storesNothing(() => post(JSON.stringify(valid), {}), 415, 'unsupported-media-type'));

  it('lets an allowed origin read every refusal: body checks (415, 400) and validation (422)', async () => {
    for (const res of [
      await post('name=Ada', { 'content-type': 'application/x-www-form-urlencoded' }),
      await post('{"values":', { 'content-type': 'application/json' }),
      await post(JSON.stringify({ values: { name: 'Ada' } }), { 'content-type': 'application/json' }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('access-control-allow-origin'), String(res.status)).toBe(ORIGIN);
    }
  });

  it('refuses malformed JSON with 400', () =>
    storesNothing(() => post('{"values":', { 'content-type': 'application/json' }), 400, 'malformed-request'));

  it('refuses an empty body with 400', () =>
    storesNothing(() => post('', { 'content-type': 'application/json' }), 400, 'malformed-request'));

  it('refuses a body over the limit with 413 when it declares its length', () =>
    storesNothing(
      () =>
        post(JSON.stringify({ values: { name: 'x'.repeat(5000), email: 'a@b.co' } }), {
          'content-type': 'application/json',
        }),
      413,
      'payload-too-large',
    ));

  it('refuses a body over the limit with 413 when it does not declare its length', () =>
    storesNothing(
      () => {
        const chunk = new TextEncoder().encode(`{"values":{"name":"${'x'.repeat(3000)}`);
        const stream = new ReadableStream({
          start(c) {
            c.enqueue(chunk);
            c.enqueue(chunk);
            c.close();
          },
        });
        return h.request(`/v1/public/forms/${formId}/submissions`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          body: stream,
          duplex: 'half',
        } as RequestInit);
      },
      413,
      'payload-too-large',
    ));

  it('answers 404 for an unknown form', () =>
    storesNothing(() => submit(h, 'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V', valid), 404, 'not-found'));

  it('answers 400 for a malformed form id', () =>
    storesNothing(() => submit(h, 'frm_%27;drop', valid), 400, 'malformed-request'));

  it('refuses an origin the form does not allow with 403', () =>
    storesNothing(() => submit(h, formId, valid, { origin: 'https://evil.example' }), 403, 'forbidden-origin'));

  it('refuses a foreign origin before it learns anything about the body (403, not 422)', () =>
    storesNothing(
      () => submit(h, formId, { values: {} }, { origin: 'https://evil.example' }),
      403,
      'forbidden-origin',
    ));

  it('refuses the opaque null origin with 403', () =>
    storesNothing(() => submit(h, formId, valid, { origin: 'null' }), 403, 'forbidden-origin'));

  it('refuses a look-alike origin with 403', () =>
    storesNothing(
      () => submit(h, formId, valid, { origin: 'https://www.example.com.evil.example' }),
      403,
      'forbidden-origin',
    ));

  it('names a missing required field (422)', async () => {
    const body = await storesNothing(() => submit(h, formId, { values: { name: 'Ada' } }), 422, 'validation-failed');
    expect(body.errors).toContainEqual({ path: 'values.email', message: expect.any(String) });
  });

  it('names values of the wrong type (422)', async () => {
    const body = await storesNothing(
      () =>
        submit(h, formId, {
          values: { name: 42, email: 'not-an-email', size: 'twelve', plan: 'enterprise', consent: 'yes' },
        }),
      422,
      'validation-failed',
    );
    const paths = body.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(['values.consent', 'values.email', 'values.name', 'values.plan', 'values.size']);
  });

  it('refuses a number outside the field range (422)', () =>
    storesNothing(() => submit(h, formId, { values: { ...valid.values, size: 0 } }), 422, 'validation-failed'));

  it('refuses a malformed phone number (422)', () =>
    storesNothing(
      () => submit(h, formId, { values: { ...valid.values, phone: 'call me maybe' } }),
      422,
      'validation-failed',
    ));

  it('refuses values for fields the form does not have (422)', async () => {
    const body = await storesNothing(
      () => submit(h, formId, { values: { ...valid.values, salary: '1M' } }),
      422,
      'validation-failed',
    );
    expect(JSON.stringify(body.errors)).toContain('salary');
  });

  it('refuses unknown top-level properties (422)', () =>
    storesNothing(() => submit(h, formId, { ...valid, admin: true }), 422, 'validation-failed'));

  it('refuses text Postgres cannot store: NUL (422, never 5xx)', () =>
    storesNothing(
      () => submit(h, formId, '{"values":{"name":"Ada\\u0000","email":"ada@example.com"}}'),
      422,
      'validation-failed',
    ));

  it('refuses text Postgres cannot store: a lone surrogate (422, never 5xx)', () =>
    storesNothing(
      () => submit(h, formId, '{"values":{"name":"\\ud800","email":"ada@example.com"}}'),
      422,
      'validation-failed',
    ));

  it('stores emoji and other astral text as sent', async () => {
    const res = await submit(h, formId, { values: { name: 'Zoë 🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮', email: 'zoe@example.com' } });
    expect(res.status).toBe(201);
    const lead = (await (await t.api(`/v1/leads/${((await res.json()) as any).leadId}`)).json()) as any;
    expect(lead.values.name).toBe('Zoë 🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ‮');
  });

  it('refuses a touchpoint URL that is not http(s) (422)', () =>
    storesNothing(
      () =>
        submit(h, formId, {
          ...valid,
          touchpoints: [{ url: 'javascript:alert(1)', occurredAt: '2026-11-20T09:00:00Z' }],
        }),
      422,
      'validation-failed',
    ));

  it('refuses a malformed visitor id (422)', () =>
    storesNothing(() => submit(h, formId, { ...valid, visitorId: "x'; --" }), 422, 'validation-failed'));

  it('refuses an Idempotency-Key over 255 characters (400)', () =>
    storesNothing(() => submit(h, formId, valid, { 'idempotency-key': 'k'.repeat(256) }), 400, 'malformed-request'));

  it('accepts an Idempotency-Key of exactly 255 characters', async () => {
    const res = await submit(h, formId, valid, { 'idempotency-key': 'k'.repeat(255) });
    expect(res.status).toBe(201);
  });

  it('rate limits one client hammering one form (429 with Retry-After)', async () => {
    const limited = await createHarness(kind, { limits: { submissionsPerMinute: 3 } });
    try {
      const lt = await seedTenant(limited);
      const id = (await lt.createForm()).id;
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await submit(limited, id, valid)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const res = await submit(limited, id, valid);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // The widget on an allowed origin can read the refusal (and when to retry).
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      await expectProblem(res, 429, 'rate-limited');
    } finally {
      await limited.close();
    }
  });
});
