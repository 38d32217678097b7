import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import { Lead, LeadDetail, LeadListQuery } from '../contracts/leads';
import type { AppContext } from '../context';
import { listLeadEvents } from '../db/queries/lead-events';
import { findLead, listLeads, listLeadTouchpoints } from '../db/queries/leads';
import { page } from '../db/queries/pagination';
import { repIdsByEmail } from '../db/queries/reps';
import { invalidFields, notFound } from '../errors';
import { router } from '../router';
import { leadActionRoutes } from './lead-actions';
import { presentEvent, presentLead, presentTouchpoint } from './present';

const tags = ['Leads'];
const LeadId = idParam('lead');

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listLeads',
  summary: 'List leads, newest first',
  description: 'With `Accept: text/csv`: every lead the filters select, as CSV.',
  request: { query: LeadListQuery },
  responses: {
    200: {
      description: 'A page of leads',
      content: {
        'application/json': { schema: listOf(Lead, 'LeadList') },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    ...problemResponses(400, 401, 422),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  operationId: 'getLead',
  summary: 'Read a lead with its touchpoints and events',
  request: { params: LeadId },
  responses: { 200: { description: 'The lead', ...json(LeadDetail) }, ...problemResponses(400, 401, 404) },
});

/** `ownerRepId=mine`: the reps whose email is the signed-in person's. A secret key is nobody. */
async function ownerFilter(c: AppContext, ownerRepId: string | undefined): Promise<string[] | undefined> {
  if (ownerRepId === undefined) return undefined;
  if (ownerRepId !== 'mine') return [ownerRepId];
  const cred = c.var.auth.credential;
  if (cred.kind !== 'session')
    throw invalidFields([
      { path: 'ownerRepId', message: '"mine" needs a signed-in person; a secret key is not a rep' },
    ]);
  return repIdsByEmail(c.var.db, c.var.auth.tenantId, cred.email);
}

export const leadRoutes = router()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const now = c.var.deps.now();
    const rows = await listLeads(
      c.var.db,
      c.var.auth.tenantId,
      {
        ...q,
        ownerRepIds: await ownerFilter(c, q.ownerRepId),
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        sla: q.sla ? { state: q.sla, now } : undefined,
      },
      q,
    );
    const p = page(rows, q.limit);
    return c.json({ data: p.data.map((l) => presentLead(l, now)), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const { tenantId } = c.var.auth;
    const id = c.req.valid('param').id;
    const lead = await findLead(c.var.db, tenantId, id);
    if (!lead) throw notFound('lead');
    const [touches, events] = await Promise.all([
      listLeadTouchpoints(c.var.db, tenantId, id),
      listLeadEvents(c.var.db, tenantId, id),
    ]);
    return c.json(
      {
        ...presentLead(lead, c.var.deps.now()),
        touchpoints: touches.map(presentTouchpoint),
        events: events.map(presentEvent),
      },
      200,
    );
  })
  .route('/', leadActionRoutes);
