/**
 * Security headers through the Workers build in workerd: the static assets get theirs from the
 * `_headers` file the build writes (Miniflare's asset worker applies it as Cloudflare's does), the
 * Worker's answers from the app. The values are the ones the Node runner sets (same module).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_CSP,
  DASHBOARD_HEADERS,
  DOCS_CSP,
  HSTS,
  WIDGET_HEADERS,
  workersHeadersFile,
} from '../../api/src/domain/security-headers';
import { startWorkerRuntime, type WorkerRuntime } from '../helpers/worker-runtime';

const PUBLIC = path.resolve(import.meta.dirname, '../../.build/public');

describe('security headers in workerd', () => {
  let w: WorkerRuntime;
  beforeAll(async () => {
    w = await startWorkerRuntime();
  }, 120_000);
  afterAll(() => w?.close());

  const get = async (url: string) => {
    const res = (await w.mf.dispatchFetch(url)) as unknown as Response;
    await res.arrayBuffer();
    return res;
  };
  const expectDashboard = (res: Response) => {
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // One rule per header: two matching rules would join their values with a comma.
    expect(res.headers.get('strict-transport-security')).toBe(HSTS);
  };

  it('builds the _headers file from the shared values', () => {
    expect(fs.readFileSync(path.join(PUBLIC, '_headers'), 'utf8')).toBe(workersHeadersFile());
  });

  it('gives the dashboard asset, its scripts and its single-page routes the dashboard policy', async () => {
    expectDashboard(await get('https://inlet.test/app/'));
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(
      fs.readFileSync(path.join(PUBLIC, 'app/index.html'), 'utf8'),
    );
    expectDashboard(await get(`https://inlet.test${script![1]}`));
    // Not a file: the Worker answers it with the index, fetched through the assets binding.
    const route = await get('https://inlet.test/app/leads/lead_01JD3Q5V7X9K2M4N6P8R0S2T4V');
    expectDashboard(route);
    expect(route.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps widget.js loadable from any site', async () => {
    const res = await get('https://inlet.test/widget.js');
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(WIDGET_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
  });

  it("sets the API's and /docs' policies on the Worker's own answers, HSTS over https only", async () => {
    const unauthorized = await get('https://inlet.test/v1/leads');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-security-policy')).toBe(API_CSP);
    expect(unauthorized.headers.get('referrer-policy')).toBe('no-referrer');
    expect(unauthorized.headers.get('x-content-type-options')).toBe('nosniff');
    expect(unauthorized.headers.get('strict-transport-security')).toBe(HSTS);
    expect((await get('http://inlet.test/v1/leads')).headers.get('strict-transport-security')).toBeNull();

    const docs = await get('https://inlet.test/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    const init = await get('https://inlet.test/docs/init.js');
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toMatch(/javascript/);
    expect((await get('https://inlet.test/docs/scalar.js')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('does not serve the _headers file itself', async () => {
    const res = await get('https://inlet.test/_headers');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
  });
});
