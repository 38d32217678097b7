/**
 * Property-based fuzz of the public endpoints (form read, submission) and of every authenticated
 * create/update endpoint, through the real app (`app.request`) on each test database. `npm test`
 * runs it with a fixed seed and a few runs per property; `npm run fuzz` with a random seed and many
 * (FUZZ_RUNS, FUZZ_SEED). Every failure it found is also a named test in tests/api/hardening.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, type Harness } from '../helpers/harness';
import {
  anyText,
  contentType,
  deepJsonText,
  headerValue,
  hostileUrl,
  idempotencyKey,
  jsonText,
  mutationOf,
  queryString,
  render,
} from './arbitraries';
import { checkExchange, fuzzConfig, fuzzParams, fuzzTimeout } from './properties';
import { seedWorld, type FuzzWorld } from './targets';

const SUBMISSION = {
  values: { name: 'Ada', email: 'ada@example.com', phone: '+49 30 1234567', size: 12, plan: 'pro', consent: true },
  touchpoints: [
    {
      url: 'https://www.example.com/pricing?utm_source=news&utm_medium=email&gclid=abc',
      referrer: 'https://www.google.com/',
      occurredAt: '2026-11-20T09:00:00Z',
    },
    {
      url: 'https://www.example.com/',
      referrer: '',
      occurredAt: 1763629200000,
      utm: { campaign: 'winter', term: 'crm' },
    },
  ],
  visitorId: 'visitor_12345678',
  honeypot: '',
  fillMs: 5000,
};

/** Mostly JSON, so that most runs get past the content-type check. */
const jsonish = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 8 },
  { arbitrary: contentType, weight: 1 },
);
const maybe = <T>(a: fc.Arbitrary<T>, weight = 1) => fc.option(a, { freq: weight + 1, nil: undefined });
const oddHeaders = fc.record(
  {
    referer: maybe(
      fc.oneof(
        headerValue,
        hostileUrl.map((u) => encodeURI(u.replace(/[\uD800-\uDFFF]/g, ''))),
      ),
    ),
    'idempotency-key': maybe(idempotencyKey),
    'content-length': maybe(fc.constantFrom('0', '1', 'abc', '-1', '99999999', '1.5')),
    'user-agent': maybe(fc.constantFrom('Googlebot/2.1', 'curl/8', '', 'Mozilla/5.0')),
  },
  { requiredKeys: [] },
);
const defined = (h: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>;

/** A submission body: the valid one with a hostile spot, or anything at all. */
const submissionText = fc.oneof(
  { arbitrary: mutationOf(SUBMISSION).map((m) => render(SUBMISSION, m)), weight: 8 },
  { arbitrary: jsonText, weight: 1 },
  { arbitrary: deepJsonText, weight: 1 },
  { arbitrary: anyText(40), weight: 1 },
);

describe.each(testDbKinds)(
  'fuzz on %s',
  (kind) => {
    let h: Harness;
    let world: FuzzWorld;
    // The real server gets a quarter of the runs: the same code, a slower round trip.
    const runs = kind === 'pglite' ? fuzzConfig.runs : Math.max(2, Math.ceil(fuzzConfig.runs / 4));

    beforeAll(async () => {
      h = await createHarness(kind);
      world = await seedWorld(h);
      console.log(`fuzz on ${kind}: seed ${fuzzConfig.seed}, ${runs} runs per property`);
    });
    afterAll(() => h?.close());

    it('public submission: any body, headers, form and query', async () => {
      const form = fc.oneof(
        { arbitrary: fc.constantFrom(world.openFormId, world.closedFormId), weight: 8 },
        {
          arbitrary: fc.constantFrom(
            'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V',
            'frm_%00',
            'frm_%27;drop',
            '%2e%2e',
            'x'.repeat(300),
          ),
          weight: 1,
        },
      );
      const origin = fc.oneof(
        { arbitrary: fc.constant(ORIGIN), weight: 8 },
        { arbitrary: maybe(headerValue), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(
          form,
          submissionText,
          jsonish,
          origin,
          oddHeaders,
          queryString,
          async (id, body, type, from, odd, query) => {
            const headers = defined({ 'content-type': type || undefined, origin: from, ...odd });
            await checkExchange(h, async () => ({
              describe: `POST /v1/public/forms/${id}/submissions?${query} ${JSON.stringify(headers)}\n${body.slice(0, 2000)}`,
              response: await h.request(`/v1/public/forms/${id}/submissions?${query}`, {
                method: 'POST',
                headers,
                body,
              }),
            }));
          },
        ),
        fuzzParams(runs * 4),
      );
    });

    it('public form read: odd query strings and headers', async () => {
      const form = fc.constantFrom(world.openFormId, world.closedFormId, 'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V', 'frm_%00');
      const pairs = fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom('u', 'r', 'v', 'u[]', 'utm_source'), anyText(4)),
          fc.oneof(hostileUrl, queryString),
        ),
        { maxLength: 4 },
      );
      await fc.assert(
        fc.asyncProperty(form, pairs, maybe(headerValue, 4), oddHeaders, async (id, q, from, odd) => {
          const query = q
            .map(
              ([k, v]) =>
                `${encodeURIComponent(String(k).replace(/[\uD800-\uDFFF]/g, ''))}=${v.includes('%') ? v : encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ''))}`,
            )
            .join('&');
          const headers = defined({ origin: from, ...odd });
          await checkExchange(h, async () => ({
            describe: `GET /v1/public/forms/${id}?${query} ${JSON.stringify(headers)}`,
            response: await h.request(`/v1/public/forms/${id}?${query}`, { headers }),
          }));
        }),
        fuzzParams(runs * 2),
      );
    });

    it.each([
      'create form',
      'update form',
      'create team',
      'update team',
      'create rep',
      'update rep',
      'create routing rule',
      'update routing rule',
      'reorder routing rules',
      'set routing fallback',
      'simulate routing',
      'create business hours',
      'update business hours',
      'create SLA policy',
      'update SLA policy',
      'create capacity policy',
      'update capacity policy',
      'create webhook endpoint',
      'update webhook endpoint',
      'create api key',
      'record lead event',
      'assign lead',
      'assign leads',
      'mark lead not spam',
      'promote lead',
      'update workspace',
    ])('%s: a valid body with a hostile spot, or anything', async (name) => {
      const target = world.targets.find((t) => t.name === name)!;
      const body = fc.oneof(
        { arbitrary: mutationOf(target.body).map((m) => render(target.body, m)), weight: 6 },
        { arbitrary: jsonText, weight: 1 },
        { arbitrary: deepJsonText, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(body, jsonish, maybe(queryString), oddHeaders, async (text, type, query, odd) => {
          const headers = defined({
            authorization: `Bearer ${target.tenant.key}`,
            'content-type': type || undefined,
            ...odd,
          });
          const path = query ? `${target.path}?${query}` : target.path;
          await checkExchange(h, async () => ({
            describe: `${target.method} ${path} ${JSON.stringify(headers)}\n${text.slice(0, 2000)}`,
            response: await h.request(path, { method: target.method, headers, body: text }),
          }));
        }),
        fuzzParams(runs),
      );
    });
  },
  fuzzTimeout(fuzzConfig.runs * 4),
);
