/** The workspace (the tenant) itself: its name and time zone, and clearing the demo data. */
import { createRoute } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import { ClearedDemoData, UpdateWorkspaceInput, Workspace } from '../contracts/workspace';
import { getTenant, updateTenant } from '../db/queries/tenants';
import { notFound } from '../errors';
import { router } from '../router';
import { clearDemoData } from '../verbs/clear-demo-data';

const tags = ['Workspace'];

const read = createRoute({
  method: 'get',
  path: '/workspace',
  tags,
  operationId: 'getWorkspace',
  summary: 'Read the workspace: name and time zone',
  responses: { 200: { description: 'The workspace', ...json(Workspace) }, ...problemResponses(401) },
});
const update = createRoute({
  method: 'patch',
  path: '/workspace',
  tags,
  operationId: 'updateWorkspace',
  summary: 'Rename the workspace or change its time zone',
  request: { body: { required: true, ...json(UpdateWorkspaceInput) } },
  responses: {
    200: { description: 'The changed workspace', ...json(Workspace) },
    ...problemResponses(400, 401, 413, 415, 422),
  },
});
const clearDemo = createRoute({
  method: 'delete',
  path: '/demo-data',
  tags,
  operationId: 'clearDemoData',
  summary: 'Remove the demo data the demo workspace was seeded with, keeping what you made',
  description:
    'Removes the seeded leads (with their history) and the seeded teams, reps, rules, business hours, SLA and capacity policies, ' +
    'except those your own setup still refers to. Your leads that a removed rep or team held are left unassigned. ' +
    'Nothing to remove answers zeros.',
  responses: { 200: { description: 'What was removed', ...json(ClearedDemoData) }, ...problemResponses(401) },
});

const present = (t: { id: string; name: string; timeZone: string; createdAt: Date }) => ({
  id: t.id,
  name: t.name,
  timeZone: t.timeZone,
  createdAt: t.createdAt.toISOString(),
});

export const workspaceRoutes = router()
  .openapi(read, async (c) => {
    const tenant = await getTenant(c.var.db, c.var.auth.tenantId);
    if (!tenant) throw notFound('workspace');
    return c.json(present(tenant), 200);
  })
  .openapi(update, async (c) => {
    const body = c.req.valid('json');
    const tenant =
      Object.keys(body).length > 0
        ? await updateTenant(c.var.db, c.var.auth.tenantId, body)
        : await getTenant(c.var.db, c.var.auth.tenantId);
    if (!tenant) throw notFound('workspace');
    return c.json(present(tenant), 200);
  })
  .openapi(clearDemo, async (c) => {
    const cleared = await clearDemoData(c.var.db, c.var.auth.tenantId, {
      actor: c.var.auth.actor,
      now: c.var.deps.now(),
    });
    return c.json(cleared, 200);
  });
