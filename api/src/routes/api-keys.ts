import { createRoute } from '@hono/zod-openapi';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../contracts/api-keys';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import { createApiKey, listApiKeys, revokeApiKey } from '../db/queries/api-keys';
import { page } from '../db/queries/pagination';
import type { apiKeys } from '../db/schema';
import { notFound } from '../errors';
import { router } from '../router';

const tags = ['API keys'];
const KeyId = idParam('apiKey');

const present = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a secret key (its secret is shown once)',
  request: { body: { required: true, ...json(CreateApiKeyInput) } },
  responses: { 201: { description: 'Created', ...json(CreatedApiKey) }, ...problemResponses(400, 401, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List keys (prefixes only)',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of keys', ...json(listOf(ApiKey, 'ApiKeyList')) },
    ...problemResponses(400, 401),
  },
});
const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Revoke a key (at once; revoking the key making the request is allowed)',
  request: { params: KeyId },
  responses: { 200: { description: 'The revoked key', ...json(ApiKey) }, ...problemResponses(400, 401, 404) },
});

export const apiKeyRoutes = router()
  .openapi(create, async (c) => {
    const { db, auth, deps } = c.var;
    const { row, secret } = await createApiKey(db, auth.tenantId, c.req.valid('json').name, 'secret', deps.now());
    return c.json({ ...present(row), secret }, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = page(await listApiKeys(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(present), nextCursor: p.nextCursor }, 200);
  })
  .openapi(revoke, async (c) => {
    const row = await revokeApiKey(c.var.db, c.var.auth.tenantId, c.req.valid('param').id, c.var.deps.now());
    if (!row) throw notFound('key');
    return c.json(present(row), 200);
  });
