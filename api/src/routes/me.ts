/** GET /v1/me: who the credential is, and for a person, their workspaces and role in the active one. */
import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { Me } from '../contracts/me';
import { findUser, listMemberships } from '../db/queries/accounts';
import { getTenant } from '../db/queries/tenants';
import { ApiError } from '../errors';
import { router } from '../router';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['Accounts'],
  operationId: 'getMe',
  summary: 'The signed-in person (or the secret key) and their workspaces',
  responses: { 200: { description: 'Who is calling', ...json(Me) }, ...problemResponses(401) },
});

export const meRoutes = router().openapi(me, async (c) => {
  const { db, auth } = c.var;
  const credential = auth.credential;
  if (credential.kind === 'key') {
    const tenant = await getTenant(db, auth.tenantId);
    if (!tenant) throw new ApiError('unauthorized', 'That key belongs to no workspace.');
    return c.json(
      { key: { id: credential.keyId, scopes: credential.scopes }, workspace: { id: tenant.id, name: tenant.name } },
      200,
    );
  }
  const [user, workspaces] = await Promise.all([
    findUser(db, credential.userId),
    listMemberships(db, credential.userId),
  ]);
  if (!user) throw new ApiError('unauthorized', 'Your session has ended; sign in again.');
  const active = workspaces.find((w) => w.id === auth.tenantId) ?? null;
  return c.json(
    {
      user: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified },
      workspace: active ? { id: active.id, name: active.name } : null,
      role: active?.role ?? null,
      workspaces,
    },
    200,
  );
});
