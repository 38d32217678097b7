import { createRoute } from '@hono/zod-openapi';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../contracts/api-keys';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import { createApiKey, listApiKeys, revokeApiKey } from '../db/queries/api-keys';
import { page } from '../db/queries/pagination';
import type { apiKeys } from '../db/schema';
import type { Credential } from '../domain/access';
import { mayGrantScopes } from '../domain/permissions';
import { ApiError, notFound } from '../errors';
import { router } from '../router';

const tags = ['API keys'];
const KeyId = idParam('apiKey');

const present = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createApiKey',
  tags,
  summary: 'Create a secret key (its secret is shown once), `full` or with narrower scopes',
  request: { body: { required: true, ...json(CreateApiKeyInput) } },
  responses: {
    201: { description: 'Created', ...json(CreatedApiKey) },
    ...problemResponses(400, 401, 403, 415, 422),
  },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listApiKeys',
  tags,
  summary: 'List keys (prefixes only)',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of keys', ...json(listOf(ApiKey, 'ApiKeyList')) },
    ...problemResponses(400, 401, 403),
  },
});
const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'revokeApiKey',
  tags,
  summary: 'Revoke a key (at once; revoking the key making the request is allowed)',
  request: { params: KeyId },
  responses: { 200: { description: 'The revoked key', ...json(ApiKey) }, ...problemResponses(400, 401, 403, 404) },
});

export const apiKeyRoutes = router()
  .openapi(create, async (c) => {
    const { db, auth, deps } = c.var;
    const input = c.req.valid('json');
    // The route's permission already limits this to full keys and owners, who hold every scope; the
    // check stays here so that loosening the permission later cannot let a key mint a wider one.
    if (!mayGrantScopes(auth.credential, input.scopes)) throw scopeEscalation(auth.credential);
    const { row, secret } = await createApiKey(db, auth.tenantId, input.name, 'secret', deps.now(), {
      scopes: input.scopes,
      createdBy: auth.actor,
    });
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

function scopeEscalation(credential: Credential) {
  const detail = 'A key can never make a key with more than it has.';
  return credential.kind === 'key'
    ? new ApiError('insufficient_scope', `${detail} This key's scopes: ${credential.scopes.join(', ')}.`)
    : new ApiError('forbidden_role', `${detail} Your role here: ${credential.role}.`);
}
