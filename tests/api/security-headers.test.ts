/**
 * Security headers as the Node runner answers (issue 11, "Security headers"): the dashboard's policy
 * on its files and single-page routes, the API's on JSON and problem+json answers, /docs its own,
 * widget.js and the public form endpoints still usable from customers' sites. The expected values
 * are spelled out here (not imported) so a change to the shared module shows up as a failing test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../../api/src/local/node-app';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const PUBLIC = path.resolve(import.meta.dirname, '../../.build/public');
const HSTS = 'max-age=31536000; includeSubDomains';
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const DOCS_CSP = DASHBOARD_CSP;

/** The script tags of an HTML page, and whether any markup would run inline code. */
function scriptsOf(html: string) {
  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    src: /\bsrc="([^"]+)"/.exec(m[1]!)?.[1],
    body: m[2]!.trim(),
  }));
  const inlineHandlers = /\son[a-z]+\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
  return { tags, inlineHandlers, javascriptUrls: /javascript:/i.test(html) };
}

describe.each(testDbKinds)('security headers in Node on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
  });
  afterAll(() => h.close());

  const expectDashboard = (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  };
  const expectApi = (res: Response) => {
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  };

  it('gives /app/, a dashboard route and its scripts the dashboard policy; HSTS over https only', async () => {
    const index = await h.request('/app/');
    expectDashboard(index);
    expect(index.headers.get('strict-transport-security')).toBeNull();
    const html = await index.text();
    const route = await h.request('/app/leads');
    expectDashboard(route);
    expect(await route.text()).toBe(html);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expectDashboard(await h.request(script));
    const https = await h.request('https://inlet.test/app/leads');
    expectDashboard(https);
    expect(https.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('builds a dashboard with no inline script (the policy would refuse one)', () => {
    const { tags, inlineHandlers, javascriptUrls } = scriptsOf(
      fs.readFileSync(path.join(PUBLIC, 'app/index.html'), 'utf8'),
    );
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag.src).toMatch(/^\/app\/assets\//);
      expect(tag.body).toBe('');
    }
    expect(inlineHandlers).toBe(false);
    expect(javascriptUrls).toBe(false);
  });

  it("sets the API's policy on a JSON answer, the OpenAPI document and error answers", async () => {
    const list = await t.api('/v1/leads');
    expect(list.status).toBe(200);
    expectApi(list);
    expectApi(await h.request('/openapi.json'));
    const unauthorized = await h.request('/v1/leads');
    expect(unauthorized.status).toBe(401);
    expectApi(unauthorized);
    const missing = await h.request('/nothing-here');
    expect(missing.status).toBe(404);
    expectApi(missing);
    // A body the JSON reader refuses: the answer comes from onError.
    const malformed = await h.request('/v1/forms', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/problem\+json/);
    expectApi(malformed);
    const https = await h.request('https://inlet.test/v1/leads');
    expect(https.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('gives /docs its own policy and a page whose scripts are all files from this origin', async () => {
    const docs = await h.request('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    expect(docs.headers.get('referrer-policy')).toBe('same-origin');
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    const { tags, inlineHandlers } = scriptsOf(await docs.text());
    expect(tags.map((s) => s.src)).toEqual(['/docs/init.js', '/docs/scalar.js']);
    expect(tags.every((s) => s.body === '')).toBe(true);
    expect(inlineHandlers).toBe(false);
    const init = await h.request('/docs/init.js');
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await init.text()).toContain("Scalar.createApiReference('#app'");
    const scalar = await h.request('/docs/scalar.js');
    expect(scalar.status).toBe(200);
    expect(scalar.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps widget.js loadable from any site', async () => {
    const res = await h.request('/widget.js', { headers: { origin: ORIGIN, 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const name of ['content-security-policy', 'cross-origin-embedder-policy', 'x-frame-options'])
      expect(res.headers.get(name), name).toBeNull();
  });

  it('answers a public form read and a submission preflight to an allowed origin, readable cross-origin', async () => {
    const read = await h.request(`/v1/public/forms/${formId}`, { headers: { origin: ORIGIN } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(read.headers.get('cross-origin-resource-policy')).toBeNull();
    expectApi(read);
    expect(((await read.json()) as { id: string }).id).toBe(formId);
    const preflight = await h.request(`/v1/public/forms/${formId}/submissions`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('behind a trusted proxy, sends HSTS on dashboard files when the client came over https', async () => {
    const { app } = createNodeApp({ handle: h.handle, trustProxy: 1 });
    const proxied = await app.request('/app/', { headers: { 'x-forwarded-proto': 'https' } });
    expectDashboard(proxied);
    expect(proxied.headers.get('strict-transport-security')).toBe(HSTS);
    const plain = await app.request('/app/', { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
