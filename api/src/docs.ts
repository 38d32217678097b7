/** The OpenAPI document (generated from the routes' zod schemas) and the interactive reference. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { DOCS_HEADERS } from './domain/security-headers';
import { ROUTE_PERMISSIONS } from './domain/permissions';
import { OPENAPI_TAGS } from './contracts/openapi-tags';
import { REQUEST_EXAMPLES } from './contracts/request-examples';
import { PROBLEM_DESCRIPTIONS } from './contracts/common';
import { STRIPE_EVENTS_ROUTE } from './routes/stripe';

export const API_VERSION = '0.1.0';

export function mountDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (`sk_live_…`) from `npm run admin -- create-tenant` or the dashboard.',
  });
  // Each operation names the permission it needs and its 403, from the same map the check uses.
  app.use('/openapi.json', async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    const doc = (await c.res.json()) as OpenApiDocument;
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify(withExamples(withBodyChecks(withPermissions(doc)))), { status: 200, headers });
  });
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Inlet API',
      version: API_VERSION,
      description:
        'Lead intake, routing, SLA and capacity. Errors are `application/problem+json` (RFC 9457) with a stable `type`. ' +
        'Lists answer `{ data, nextCursor }`; pass `cursor` to get the next page.',
    },
    servers: [{ url: new URL(c.req.url).origin, description: 'This server' }],
    // Either one: a server sends its secret key, the dashboard its session cookie. Operations that
    // need neither (the widget's, Stripe's signed events, sign-in) say `security: []`.
    security: [{ secretKey: [] }, { session: [] }] as Record<string, string[]>[],
    tags: OPENAPI_TAGS,
  }));
  app.get('/docs', (c) => c.html(docsPage(c.var.deps.docsScriptUrl), 200, DOCS_HEADERS));
  app.get(DOCS_INIT_PATH, (c) =>
    c.body(DOCS_INIT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
}

// Its own file rather than an inline script: the page's policy allows scripts from this origin only.
// It runs before the reference script: zod inside that bundle probes `Function('')` to pick its
// compiled validators, which the policy refuses (a violation report on every load); jitless skips
// the probe. The reference is created once the script after this one has defined `Scalar`.
const DOCS_INIT_PATH = '/docs/init.js';
const DOCS_INIT = `globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
addEventListener('DOMContentLoaded', () => Scalar.createApiReference('#app', { url: '/openapi.json', withDefaultFonts: false, telemetry: false, showDeveloperTools: 'never', agent: { disabled: true }, mcp: { disabled: true } }));
`;
type MediaType = { schema?: unknown; example?: unknown; examples?: unknown };
type Operation = {
  operationId?: string;
  description?: string;
  responses?: Record<string, unknown>;
  requestBody?: { content?: Record<string, MediaType> };
  [k: string]: unknown;
};
type OpenApiDocument = { paths?: Record<string, Record<string, Operation>>; [k: string]: unknown };

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

export function withPermissions(doc: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(item)) {
      const permission = ROUTE_PERMISSIONS[`${method.toUpperCase()} ${path}`];
      if (!permission) continue;
      operation['x-required-permission'] = permission;
      operation.responses = {
        ...operation.responses,
        403: {
          description: `Needs \`${permission}\`: a key without that scope (\`insufficient-scope\`) or a role without it (\`forbidden-role\`)`,
          content: PROBLEM,
        },
      };
    }
  return doc;
}

/**
 * What the body checks before any route can answer (middleware/json-body.ts): every POST, PUT and
 * PATCH, with a body declared or not, may get 413, 415, 400 (not JSON, too deep) or 422 (text
 * Postgres cannot store); Stripe's events, read raw, only the size limit.
 */
export function withBodyChecks(doc: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(item)) {
      if (!['post', 'put', 'patch'].includes(method)) continue;
      const raw = STRIPE_EVENTS_ROUTE.test(path.replace(/\{[^}]+\}/g, 'x'));
      for (const status of raw ? [413] : [400, 413, 415, 422])
        operation.responses = {
          [status]: { description: PROBLEM_DESCRIPTIONS[status], content: PROBLEM },
          ...operation.responses,
        };
    }
  return doc;
}

/** The example body of each operation, from contracts/request-examples.ts, where its route declares none. */
export function withExamples(doc: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(item)) {
      const media = operation.requestBody?.content?.['application/json'];
      const example = operation.operationId ? REQUEST_EXAMPLES[operation.operationId] : undefined;
      if (media && example !== undefined && media.example === undefined && media.examples === undefined)
        media.example = example;
    }
  return doc;
}

// The reference script is served from our own origin (no CDN): Inlet must work with no network.
const docsPage = (scriptUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inlet API reference</title></head>
<body><div id="app"></div>
<script src="${DOCS_INIT_PATH}"></script>
<script src="${scriptUrl}"></script>
</body></html>`;
