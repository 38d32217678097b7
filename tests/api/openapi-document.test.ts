/**
 * The rules every operation of /openapi.json keeps, so routes added later are caught at merge:
 * a stable camelCase verbNoun operationId, one described tag, a summary, declared security, an
 * example for its request body, a 4xx answer; and `redocly lint` (redocly.yaml) passes on it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_EXAMPLES } from '../../api/src/contracts/request-examples';
import { documentApp, openApiDocument } from '../../api/src/local/openapi-document';
import { responseChecker } from '../helpers/response-check';

type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, unknown>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; tags: { name: string; description?: string }[] };

/**
 * The operationIds SDKs already name methods after: renaming or dropping one breaks every generated
 * client. Add new ones freely; change one here only with a breaking-change note.
 */
const PUBLISHED_OPERATION_IDS = `acceptInvitation archiveForm assignLead assignLeads cancelInvitation changePassword
clearDemoData connectStripe createApiKey createBusinessHours createCapacityPolicy createForm createPipelineStage
createRep createRoutingRule createSlaPolicy createTeam createWebhookEndpoint deleteBusinessHours
deleteCapacityPolicy deletePipelineStage deleteRep deleteRoutingRule deleteSlaPolicy deleteTeam
deleteWebhookEndpoint disconnectStripe exportOfflineConversions getAttributionReport getBusinessHours
getCapacityPlan getCapacityPolicy getCapacityReport getForm getInvitation getLead getMe getPipelineReport
getPublicForm getRep getRetentionReport getRoutingFallback getRoutingRule getSession getSlaPolicy getSlaReport
getStripeConnection getTeam getWebhookEndpoint getWebhookEndpointSecret getWorkspace inviteMember leaveWorkspace
listApiKeys listBusinessHours listCapacityPolicies listForms listLeads listMembers listPipelineStages listReps
listRoutingRules listSessions listSlaPolicies listTeams listWebhookDeliveries listWebhookEndpoints listWorkspaces
markLeadNotSpam previewBusinessHours promoteLead receiveStripeEvent recordLeadEvent recordRevenue removeMember
reorderPipelineStages reorderRoutingRules reorderSlaPolicies requestPasswordReset resendWebhookDelivery
resetPassword revokeApiKey revokeOtherSessions revokeSession rotateWebhookEndpointSecret sendVerificationEmail
setRoutingFallback signIn signOut signUp simulateRouting submitLead switchWorkspace updateBusinessHours
updateCapacityPolicy updateForm updateMemberRole updatePipelineStage updateRep updateRoutingRule updateSlaPolicy
updateTeam updateWebhookEndpoint updateWorkspace verifyEmail`.split(/\s+/);

/** Operations a caller reaches without a key or session; everything else inherits the document's. */
const UNAUTHENTICATED =
  /^(\/v1\/public\/|\/v1\/auth\/(sign-up|sign-in|request-password-reset|reset-password|verify-email|send-verification-email|get-session)|\/v1\/integrations\/stripe\/\{connectionId\}\/events$)/;

// A lowercase verb, then the noun in PascalCase: `listLeads`, `erasePerson`, `uploadImportData`.
const VERB_NOUN = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;

describe('the OpenAPI document', () => {
  let doc: Doc;
  let operations: { key: string; path: string; op: Operation }[];
  beforeAll(async () => {
    doc = (await openApiDocument()) as unknown as Doc;
    operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, path: p, op })),
    );
  });

  it('gives every operation a unique camelCase verbNoun operationId, and keeps the published ones', () => {
    expect(operations.length).toBeGreaterThan(100);
    const missing = operations.filter((o) => !o.op.operationId).map((o) => o.key);
    expect(missing, 'operations without an operationId').toEqual([]);
    const malformed = operations.filter((o) => !VERB_NOUN.test(o.op.operationId!)).map((o) => o.op.operationId);
    expect(malformed, 'operationIds that are not camelCase verbNoun').toEqual([]);
    const ids = operations.map((o) => o.op.operationId!);
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'operationIds used twice',
    ).toEqual([]);
    expect(
      PUBLISHED_OPERATION_IDS.filter((id) => !ids.includes(id)),
      'published operationIds gone',
    ).toEqual([]);
  });

  it('puts every operation under exactly one described tag, with a summary', () => {
    const described = new Set(doc.tags.filter((t) => t.description).map((t) => t.name));
    const untagged = operations.filter((o) => o.op.tags?.length !== 1 || !described.has(o.op.tags[0]!));
    expect(untagged.map((o) => `${o.key} ${JSON.stringify(o.op.tags)}`)).toEqual([]);
    expect(operations.filter((o) => !o.op.summary?.trim()).map((o) => o.key)).toEqual([]);
  });

  it('declares security: none on the public, sign-in and Stripe routes, the key or session elsewhere', () => {
    const wrong = operations.filter((o) => {
      const open = Array.isArray(o.op.security) && o.op.security.length === 0;
      if (UNAUTHENTICATED.test(o.path)) return !open;
      return open;
    });
    expect(wrong.map((o) => `${o.key} ${JSON.stringify(o.op.security)}`)).toEqual([]);
    const schemes = (doc as unknown as { components: { securitySchemes: object } }).components.securitySchemes;
    expect(schemes).toMatchObject({
      secretKey: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'inlet.session_token' },
    });
  });

  it('shows an example for every request body and a problem+json 4xx answer on every operation', () => {
    const noExample = operations.filter((o) => {
      const media = o.op.requestBody?.content['application/json'];
      return o.op.requestBody && media?.example === undefined && media?.examples === undefined;
    });
    expect(
      noExample.map((o) => o.key),
      'add one to contracts/request-examples.ts or the route',
    ).toEqual([]);
    const no4xx = operations.filter((o) => {
      const problems = Object.entries(o.op.responses).filter(([status]) => /^4\d\d$/.test(status));
      return !problems.some(([, r]) => JSON.stringify(r).includes('"application/problem+json"'));
    });
    expect(no4xx.map((o) => o.key)).toEqual([]);
  });

  it("has request examples the server accepts: each parses with its route's own zod schema", async () => {
    type ZodLike = { safeParseAsync(v: unknown): Promise<{ success: boolean; error?: { message: string } }> };
    type Definition = {
      type: string;
      route?: {
        operationId?: string;
        request?: { body?: { content?: Record<string, { schema?: ZodLike; example?: unknown }> } };
      };
    };
    const definitions = documentApp().openAPIRegistry.definitions as unknown as Definition[];
    const refused: string[] = [];
    let checked = 0;
    for (const d of definitions) {
      const media = d.route?.request?.body?.content?.['application/json'];
      if (!media?.schema || !d.route?.operationId) continue;
      const example = media.example ?? REQUEST_EXAMPLES[d.route.operationId];
      const parsed = await media.schema.safeParseAsync(example);
      checked++;
      if (!parsed.success) refused.push(`${d.route.operationId}: ${parsed.error?.message}`);
    }
    expect(checked).toBeGreaterThan(40);
    expect(refused).toEqual([]);
    const unused = Object.keys(REQUEST_EXAMPLES).filter((id) => !operations.some((o) => o.op.operationId === id));
    expect(unused, 'examples for operations the document does not have').toEqual([]);
  });

  describe('redocly lint', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inlet-openapi-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('passes with the rules of redocly.yaml (examples valid against their schemas included)', async () => {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const run = await promisify(execFile)(
        'node_modules/.bin/redocly',
        ['lint', '--config', 'redocly.yaml', '--format', 'summary', file],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((err: { stdout: string; stderr: string }) => ({ ...err, failed: true }));
      expect('failed' in run ? `${run.stdout}\n${run.stderr}` : '').toBe('');
      expect(run.stderr).toContain('Your API description is valid');
    }, 60_000);
  });

  describe("the API tests' response check", () => {
    const answer = (status: number, body: unknown, type = 'application/json') =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
    const problem = {
      type: 'https://inlet.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such team.',
    };

    it('refuses a body that does not match, a status the document does not list, and a wrong media type', async () => {
      const check = await responseChecker();
      const team = 'team_01JD3Q5V7X9K2M4N6P8R0S2T4V';
      await expect(check.check('GET', `/v1/teams/${team}`, answer(200, { id: team }))).rejects.toThrow(
        /GET \/v1\/teams\/\{id\} \(getTeam\) answered 200; the body does not match its schema/,
      );
      await expect(
        check.check('GET', `/v1/teams/${team}`, answer(418, problem, 'application/problem+json')),
      ).rejects.toThrow(/a status the document does not list/);
      await expect(check.check('GET', `/v1/teams/${team}`, answer(404, problem))).rejects.toThrow(
        /with application\/json, which the document does not list/,
      );
      await expect(
        check.check(
          'GET',
          `/v1/teams/${team}?x=1`,
          answer(404, { ...problem, status: '404' }, 'application/problem+json'),
        ),
      ).rejects.toThrow(/\/status must be integer/);
    });

    it('passes what the document describes, and leaves alone what is not an operation or not JSON', async () => {
      const check = await responseChecker();
      await check.check(
        'GET',
        '/v1/teams/team_01JD3Q5V7X9K2M4N6P8R0S2T4V',
        answer(404, problem, 'application/problem+json'),
      );
      await check.check('GET', '/v1/teams', answer(200, { data: [], nextCursor: null }));
      await check.check('GET', '/v1/nothing-here', answer(404, { whatever: true }));
      await check.check(
        'GET',
        '/v1/leads',
        new Response('id\n', { status: 200, headers: { 'content-type': 'text/csv' } }),
      );
    });
  });
});
