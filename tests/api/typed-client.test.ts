/**
 * The document and the server agree: a client generated from /openapi.json (openapi-typescript +
 * openapi-fetch, as a customer would make one: `npm run generate:client`) drives a whole scenario
 * through the real app, every call and answer type-checked against the generated types (tsc runs
 * over this file below, and `npm run typecheck` generates the types first).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../generated/inlet-api';
import { testDbKinds } from '../helpers/db';
import { createHarness, ORIGIN, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const run = promisify(execFile);

beforeAll(async () => {
  // The types the scenario compiles against, from the document as the app serves it now.
  await run('npm', ['run', '-s', 'generate:client'], { env: process.env });
}, 120_000);

it('type-checks the scenario against the generated types', async () => {
  const res = await run('node_modules/.bin/tsc', ['--noEmit', '-p', 'tests/typed-client.tsconfig.json']).catch(
    (err: { stdout: string }) => ({ stdout: err.stdout, failed: true }),
  );
  expect('failed' in res ? res.stdout : '').toBe('');
}, 120_000);

describe.each(testDbKinds)('the typed client on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
  }, 120_000);
  afterAll(() => h.close());

  const clientWith = (headers: Record<string, string>) =>
    createClient<paths, `application/${string}json`>({
      baseUrl: 'http://localhost',
      headers,
      fetch: (req) => h.request(req.url, req),
    });

  it('creates a form, team, rep and rule, takes a lead, then lists, reads, moves and reports it', async () => {
    const inlet = clientWith({ authorization: `Bearer ${t.key}` });

    const form = await inlet.POST('/v1/forms', {
      body: {
        name: 'Contact sales',
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'email', label: 'Email', type: 'email', required: true },
        ],
        allowedOrigins: [ORIGIN],
      },
    });
    expect(form.response.status).toBe(201);
    const formId = form.data!.id;

    const team = await inlet.POST('/v1/teams', { body: { name: 'Sales' } });
    expect(team.response.status).toBe(201);
    const rep = await inlet.POST('/v1/reps', {
      body: { teamId: team.data!.id, name: 'Ada', email: 'ada@seller.example' },
    });
    expect(rep.response.status).toBe(201);
    const rule = await inlet.POST('/v1/routing/rules', {
      body: {
        name: 'Acme',
        condition: { field: 'values.email', op: 'ends_with', value: '@acme.example' },
        action: { teamId: team.data!.id, strategy: 'round_robin' },
      },
    });
    expect(rule.response.status).toBe(201);
    expect(rule.data!.enabled).toBe(true);

    // The widget's call: no key, the form's allowed origin.
    const widget = clientWith({ origin: ORIGIN });
    const shown = await widget.GET('/v1/public/forms/{formId}', { params: { path: { formId } } });
    expect(shown.response.status).toBe(200);
    const submitted = await widget.POST('/v1/public/forms/{formId}/submissions', {
      params: { path: { formId } },
      body: { values: { name: 'Lee', email: 'lee@acme.example' } },
    });
    expect(submitted.response.status).toBe(201);
    const leadId = submitted.data!.leadId;

    const listed = await inlet.GET('/v1/leads', { params: { query: { formId, limit: 10 } } });
    expect(listed.response.status).toBe(200);
    expect(listed.data!.data.map((l) => l.id)).toEqual([leadId]);

    const read = await inlet.GET('/v1/leads/{id}', { params: { path: { id: leadId } } });
    expect(read.response.status).toBe(200);
    expect(read.data!.teamId).toBe(team.data!.id);
    expect(read.data!.ownerRepId).toBe(rep.data!.id);

    const moved = await inlet.POST('/v1/leads/{id}/events', {
      params: { path: { id: leadId } },
      body: { type: 'stage_changed', stage: 'qualified' },
    });
    expect(moved.response.status).toBe(201);
    const after = await inlet.GET('/v1/leads/{id}', { params: { path: { id: leadId } } });
    expect(after.data!.stage).toBe('qualified');

    const report = await inlet.GET('/v1/reports/pipeline', {
      params: { query: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' } },
    });
    expect(report.response.status).toBe(200);
    expect(report.data).toBeTruthy();

    // An error answers as the document says: problem+json, typed as the operation's 404.
    const missing = await inlet.GET('/v1/leads/{id}', {
      params: { path: { id: 'lead_01JD3Q5V7X9K2M4N6P8R0S2T4V' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.type).toBe('https://inlet.dev/problems/not-found');
  });
});
