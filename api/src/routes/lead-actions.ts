/** What a person does to leads: record events, reassign one or many, release spam, promote from the waitlist. */
import type { AppContext } from '../context';
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, json, problemResponses } from '../contracts/common';
import { AssignInput, BulkAssignInput, LeadEventInput, RecordedEvent } from '../contracts/lead-actions';
import { Lead } from '../contracts/leads';
import { router } from '../router';
import { releaseSpam, promoteLead } from '../verbs/admit-lead';
import { assignLead, assignLeads } from '../verbs/assign-lead';
import { publicUrlOf } from './public-url';
import { recordLeadEvent } from '../verbs/record-lead-event';
import { deliverAfterResponse } from './after-commit';
import { presentEvent, presentLead } from './present';

const tags = ['Leads'];
const LeadId = idParam('lead');

const recordEvent = createRoute({
  method: 'post',
  path: '/{id}/events',
  tags,
  operationId: 'recordLeadEvent',
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
  operationId: 'assignLead',
  summary: 'Reassign a lead to a rep by hand',
  request: { params: LeadId, body: { required: true, ...json(AssignInput) } },
  responses: { 200: { description: 'The lead', ...json(Lead) }, ...problemResponses(400, 401, 404, 409, 422) },
});
const bulkAssign = createRoute({
  method: 'post',
  path: '/assign',
  tags,
  operationId: 'assignLeads',
  summary: 'Reassign many leads to a rep, all or nothing',
  description:
    'One transaction: an id that is not one of your leads answers 404, a spam lead 409, an unknown rep 422, and nothing changes. ' +
    'Each moved lead gets its `lead.reassigned` event and `lead.assigned` notification, as with `POST /v1/leads/{id}/assign`.',
  request: { body: { required: true, ...json(BulkAssignInput) } },
  responses: {
    200: {
      description: 'The leads, in the order given',
      ...json(
        z
          .object({
            data: z.array(Lead),
            changed: z.number().int().openapi({ description: 'Leads that had another owner.' }),
          })
          .openapi('BulkAssignResult'),
      ),
    },
    ...problemResponses(400, 401, 404, 409, 413, 415, 422),
  },
});
const notSpam = createRoute({
  method: 'post',
  path: '/{id}/not-spam',
  tags,
  operationId: 'markLeadNotSpam',
  summary: 'Release a lead the spam traps caught: it is routed, its SLA starts, `lead.created` goes out',
  description:
    'A person’s decision: the lead is let in whatever the form’s capacity (it takes no place). 409 when the lead is not spam.',
  request: { params: LeadId },
  responses: { 200: { description: 'The lead', ...json(Lead) }, ...problemResponses(400, 401, 404, 409) },
});
const promote = createRoute({
  method: 'post',
  path: '/{id}/promote',
  tags,
  operationId: 'promoteLead',
  summary: 'Promote a waitlisted lead: it takes a capacity place like a submission, is routed, its SLA starts',
  description:
    '409 `https://inlet.dev/problems/capacity-full` (with the form’s `availability`) when no place is left in the window; 409 `conflict` when the lead is not waitlisted.',
  request: { params: LeadId },
  responses: { 200: { description: 'The lead', ...json(Lead) }, ...problemResponses(400, 401, 404, 409) },
});

/** A stored lead let in by a person (released from spam, promoted from the waitlist): the same answer. */
async function admitted(c: AppContext, admit: typeof releaseSpam | typeof promoteLead) {
  const { deps, auth, db } = c.var;
  const now = deps.now();
  const out = await admit(db, {
    tenantId: auth.tenantId,
    leadId: c.req.param('id')!,
    actor: auth.actor,
    now,
    publicUrl: publicUrlOf(c),
  });
  deliverAfterResponse(c, out.messageIds);
  return c.json(presentLead(out.lead, now), 200);
}

export const leadActionRoutes = router()
  .openapi(bulkAssign, async (c) => {
    const { deps, auth, db } = c.var;
    const body = c.req.valid('json');
    const now = deps.now();
    const out = await assignLeads(db, {
      tenantId: auth.tenantId,
      leadIds: body.ids,
      repId: body.repId,
      note: body.note,
      actor: auth.actor,
      now,
      publicUrl: publicUrlOf(c),
    });
    deliverAfterResponse(c, out.messageIds);
    return c.json({ data: out.leads.map((l) => presentLead(l, now)), changed: out.changed }, 200);
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
    const now = deps.now();
    const out = await assignLead(db, {
      tenantId: auth.tenantId,
      leadId: c.req.valid('param').id,
      repId: body.repId,
      note: body.note,
      actor: auth.actor,
      now,
      publicUrl: publicUrlOf(c),
    });
    deliverAfterResponse(c, out.messageIds);
    return c.json(presentLead(out.lead, now), 200);
  })
  .openapi(notSpam, (c) => admitted(c, releaseSpam))
  .openapi(promote, (c) => admitted(c, promoteLead));
