import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookEndpoint,
  WebhookSecret,
} from '../contracts/webhook-endpoints';
import { page } from '../db/queries/pagination';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointRow,
} from '../db/queries/webhook-endpoints';
import { notFound } from '../errors';
import { router } from '../router';
import { requireTargetUrl } from './target-url';

const EndpointId = idParam('endpoint');
const tags = ['Webhook endpoints'];

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createWebhookEndpoint',
  tags,
  summary: 'Create a webhook endpoint (the answer carries its signing secret)',
  request: { body: { required: true, ...json(CreateWebhookEndpointInput) } },
  responses: {
    201: { description: 'Created', ...json(CreatedWebhookEndpoint) },
    ...problemResponses(400, 401, 413, 415, 422),
  },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listWebhookEndpoints',
  tags,
  summary: 'List webhook endpoints',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of endpoints', ...json(listOf(WebhookEndpoint, 'WebhookEndpointList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getWebhookEndpoint',
  tags,
  summary: 'Read a webhook endpoint',
  request: { params: EndpointId },
  responses: { 200: { description: 'The endpoint', ...json(WebhookEndpoint) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateWebhookEndpoint',
  tags,
  summary: 'Change a webhook endpoint (enabling it again clears `disabledReason`)',
  request: { params: EndpointId, body: { required: true, ...json(UpdateWebhookEndpointInput) } },
  responses: {
    200: { description: 'The changed endpoint', ...json(WebhookEndpoint) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteWebhookEndpoint',
  tags,
  summary: 'Delete a webhook endpoint (what is still queued for it is dropped)',
  request: { params: EndpointId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404) },
});
const readSecret = createRoute({
  method: 'get',
  path: '/{id}/secret',
  operationId: 'getWebhookEndpointSecret',
  tags,
  summary: 'Read the signing secret',
  request: { params: EndpointId },
  responses: { 200: { description: 'The secret', ...json(WebhookSecret) }, ...problemResponses(400, 401, 404) },
});
const rotate = createRoute({
  method: 'post',
  path: '/{id}/rotate-secret',
  operationId: 'rotateWebhookEndpointSecret',
  tags,
  summary: 'Replace the signing secret (the old one also signs for 24 hours)',
  request: { params: EndpointId },
  responses: { 200: { description: 'The new secret', ...json(WebhookSecret) }, ...problemResponses(400, 401, 404) },
});

export const webhookEndpointRoutes = router()
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    const url = requireTargetUrl(c, input.url);
    const row = await insertWebhookEndpoint(c.var.db, c.var.auth.tenantId, { ...input, url }, c.var.deps.now());
    return c.json({ ...presentEndpoint(row), secret: row.secret }, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = page(await listWebhookEndpoints(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(presentEndpoint), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const row = await findWebhookEndpoint(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!row) throw notFound('webhook endpoint');
    return c.json(presentEndpoint(row), 200);
  })
  .openapi(update, async (c) => {
    const patch = c.req.valid('json');
    const url = patch.url === undefined ? undefined : requireTargetUrl(c, patch.url);
    const row = await updateWebhookEndpoint(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      { ...patch, ...(url ? { url } : {}) },
      c.var.deps.now(),
    );
    if (!row) throw notFound('webhook endpoint');
    return c.json(presentEndpoint(row), 200);
  })
  .openapi(remove, async (c) => {
    if (!(await deleteWebhookEndpoint(c.var.db, c.var.auth.tenantId, c.req.valid('param').id)))
      throw notFound('webhook endpoint');
    return c.body(null, 204);
  })
  .openapi(readSecret, async (c) => {
    const row = await findWebhookEndpoint(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!row) throw notFound('webhook endpoint');
    return c.json(presentSecret(row, c.var.deps.now()), 200);
  })
  .openapi(rotate, async (c) => {
    const row = await rotateWebhookSecret(c.var.db, c.var.auth.tenantId, c.req.valid('param').id, c.var.deps.now());
    if (!row) throw notFound('webhook endpoint');
    return c.json(presentSecret(row, c.var.deps.now()), 200);
  });

function presentEndpoint(e: WebhookEndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    topics: e.topics,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

function presentSecret(e: WebhookEndpointRow, now: Date) {
  const live = e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > now.getTime();
  return { secret: e.secret, previousSecretExpiresAt: live ? e.previousSecretExpiresAt!.toISOString() : null };
}
