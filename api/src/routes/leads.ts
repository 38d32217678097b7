import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import { Lead, LeadDetail, LeadListQuery } from '../contracts/leads';
import { listLeadEvents } from '../db/queries/lead-events';
import { findLead, listLeads, listLeadTouchpoints } from '../db/queries/leads';
import { page } from '../db/queries/pagination';
import { notFound } from '../errors';
import { AssignInput, LeadEventInput, RecordedEvent } from '../contracts/lead-actions';
import { publicUrlOf } from './public-url';
import { assignLead } from '../verbs/assign-lead';
import { recordLeadEvent } from '../verbs/record-lead-event';
import { router } from '../router';
import { deliverAfterResponse } from './after-commit';
import { presentEvent, presentLead, presentTouchpoint } from './present';

const tags = ['Leads'];
const LeadId = idParam('lead');

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List leads, newest first',
  request: { query: LeadListQuery },
  responses: {
    200: { description: 'A page of leads', ...json(listOf(Lead, 'LeadList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Read a lead with its touchpoints and events',
  request: { params: LeadId },
  responses: { 200: { description: 'The lead', ...json(LeadDetail) }, ...problemResponses(400, 401, 404) },
});

const recordEvent = createRoute({
  method: 'post',
  path: '/{id}/events',
  tags,
  summary: 'Record what happened: contacted, stage_changed, won, lost, churned',
  request: { params: LeadId, body: { required: true, ...json(LeadEventInput) } },
  responses: {
    201: { description: 'Recorded', ...json(RecordedEvent) },
    ...problemResponses(400, 401, 404, 409, 413, 415, 422),
  },
});
const assign = createRoute({
  method: 'post',
  path: '/{id}/assign',
  tags,
  summary: 'Reassign a lead to a rep by hand',
  request: { params: LeadId, body: { required: true, ...json(AssignInput) } },
  responses: { 200: { description: 'The lead', ...json(Lead) }, ...problemResponses(400, 401, 404, 409, 422) },
});

export const leadRoutes = router()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const rows = await listLeads(
      c.var.db,
      c.var.auth.tenantId,
      { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
      q,
    );
    const p = page(rows, q.limit);
    return c.json({ data: p.data.map(presentLead), nextCursor: p.nextCursor }, 200);
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
      { ...presentLead(lead), touchpoints: touches.map(presentTouchpoint), events: events.map(presentEvent) },
      200,
    );
  })
  .openapi(recordEvent, async (c) => {
    const { deps, auth, db } = c.var;
    const out = await recordLeadEvent(db, {
      tenantId: auth.tenantId,
      leadId: c.req.valid('param').id,
      event: c.req.valid('json'),
      actor: auth.actor,
      now: deps.now(),
    });
    deliverAfterResponse(c, out.messageIds);
    return c.json({ ...presentEvent(out.event), leadStatus: out.leadStatus }, 201);
  })
  .openapi(assign, async (c) => {
    const { deps, auth, db } = c.var;
    const body = c.req.valid('json');
    const out = await assignLead(db, {
      tenantId: auth.tenantId,
      leadId: c.req.valid('param').id,
      repId: body.repId,
      note: body.note,
      actor: auth.actor,
      now: deps.now(),
      publicUrl: publicUrlOf(c),
    });
    deliverAfterResponse(c, out.messageIds);
    return c.json(presentLead(out.lead), 200);
  });
