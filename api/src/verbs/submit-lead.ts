/**
 * The submission path: one transaction takes a validated submission to a stored lead with its
 * touchpoints, its first event and its outbox messages. Either all of it is stored or none of it.
 */
import { sql } from 'drizzle-orm';
import type { SubmissionInput, SubmissionResult } from '../contracts/public';
import type { Database } from '../db/database';
import { claimIdempotencyKey, saveIdempotentResponse } from '../db/queries/idempotency';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import type { FormRow } from '../db/queries/forms';
import { leads, touchpoints, visitors } from '../db/schema';
import type { StoredTouch } from '../db/schema/touchpoints';
import { valuesSchema } from '../domain/fields';
import { newId } from '../domain/ids';
import { fingerprint } from '../domain/request-body';
import { isLikelySpam } from '../domain/spam';
import { orderTouches, parseTouch, touchFacts, type Touchpoint } from '../domain/touchpoints';
import { deriveFacts } from '../domain/derive-facts';
import { retryOnConflict } from '../db/retry';
import { decideRoute } from './route-lead';
import { slaStart } from './sla-clock';
import { passGate } from './capacity-gate';
import { publicAvailability, recordRefusedTouch } from './form-demand';
import { ApiError } from '../errors';
import { zodIssues } from '../router';

export interface SubmitLeadInput {
  form: FormRow;
  body: SubmissionInput;
  idempotencyKey?: string;
  /** The page the request came from (Referer, else Origin): the touch recorded when none is sent. */
  requestPage: string | null;
  now: Date;
}

export interface SubmitLeadOutcome {
  statusCode: number;
  result: SubmissionResult;
  replayed: boolean;
  /** Outbox messages written, to deliver right after the response. */
  messageIds: string[];
}

// A visitor's clock may be off; a touch "from the future" is taken as now rather than refusing the lead.
const CLOCK_SKEW_MS = 5 * 60_000;

export function touchesFor(body: SubmissionInput, requestPage: string | null, now: Date): Touchpoint[] {
  const raw = body.touchpoints?.length
    ? body.touchpoints.map((t) => {
        const at = new Date(t.occurredAt);
        return { url: t.url, referrer: t.referrer || null, utm: t.utm, occurredAt: at.getTime() > now.getTime() + CLOCK_SKEW_MS ? now : at };
      })
    : [{ url: requestPage ?? '', referrer: null, occurredAt: now }];
  return orderTouches(raw.map(parseTouch));
}

export function storedTouch(t: Touchpoint): StoredTouch {
  return { ...t, occurredAt: t.occurredAt.toISOString() };
}

export async function submitLead(db: Database, input: SubmitLeadInput): Promise<SubmitLeadOutcome> {
  const { form, body, now } = input;
  const parsed = valuesSchema(form.fields).safeParse(body.values);
  if (!parsed.success) {
    const errors = zodIssues(parsed.error).map((e) => ({ ...e, path: `values.${e.path}` }));
    throw new ApiError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean | null>;
  const touches = touchesFor(body, input.requestPage, now);
  const spam = isLikelySpam(body);
  const print = input.idempotencyKey ? await fingerprint(body) : '';

  const facts = deriveFacts({
    formId: form.id,
    values,
    fields: form.fields,
    firstTouch: touchFacts(touches[0]),
    lastTouch: touchFacts(touches[touches.length - 1]),
  });

  try {
    return await retryOnConflict(() => db.transaction(async (tx) => {
    const scope = form.id;
    if (input.idempotencyKey) {
      const claim = await claimIdempotencyKey(tx, { tenantId: form.tenantId, scope, key: input.idempotencyKey, fingerprint: print, now });
      if (claim.kind === 'conflict') throw new ApiError('idempotency_conflict', 'This Idempotency-Key was used with a different body.');
      if (claim.kind === 'replay') return { statusCode: claim.statusCode, result: claim.response as SubmissionResult, replayed: true, messageIds: [] };
    }

    const gate = spam ? null : await passGate(tx, form.tenantId, form.id, now);
    const state = gate?.availability.state ?? 'open';
    if (state === 'closed' || state === 'redirect') {
      throw new ApiError('form_closed', gate!.availability.message ?? 'This form is not taking submissions right now.', { availability: publicAvailability(gate!.availability) });
    }
    const leadId = newId('lead', now);
    const status = spam ? 'spam' : state === 'waitlist' ? 'waitlisted' : 'open';
    if (body.visitorId) {
      await tx
        .insert(visitors)
        .values({ tenantId: form.tenantId, id: body.visitorId, firstSeenAt: touches[0]?.occurredAt ?? now, lastSeenAt: now })
        .onConflictDoUpdate({ target: [visitors.tenantId, visitors.id], set: { lastSeenAt: sql`excluded.last_seen_at` } });
    }
    const first = touches[0];
    const last = touches[touches.length - 1];
    // Routing and the SLA clock are decided before the lead is written, so the lead goes in once
    // with its owner and due time, and its events and messages in one statement each.
    const routed = status === 'open' ? await decideRoute(tx, { tenantId: form.tenantId, lead: { id: leadId, formId: form.id, values }, facts, now, actor: 'system' }) : null;
    const sla = routed ? await slaStart(tx, form.tenantId, leadId, { ...facts, teamId: routed.decision.teamId }, now) : null;
    await tx.insert(leads).values({
      id: leadId,
      tenantId: form.tenantId,
      formId: form.id,
      visitorId: body.visitorId ?? null,
      values,
      status,
      intake: spam ? 'spam' : state === 'waitlist' ? 'waitlisted' : 'accepted',
      firstTouch: first ? storedTouch(first) : null,
      lastTouch: last ? storedTouch(last) : null,
      firstChannel: first?.channel ?? null,
      lastChannel: last?.channel ?? null,
      email: facts.email.address,
      emailDomain: facts.email.domain,
      ...routed?.leadPatch,
      ...sla?.patch,
      createdAt: now,
      updatedAt: now,
    });
    if (touches.length > 0) {
      await tx.insert(touchpoints).values(
        touches.map((t, position) => ({
          id: newId('touchpoint', now),
          tenantId: form.tenantId,
          leadId,
          visitorId: body.visitorId ?? null,
          formId: form.id,
          position,
          ...t,
        })),
      );
    }
    await appendLeadEvents(tx, [
      { tenantId: form.tenantId, leadId, type: 'lead.created', data: { formId: form.id, status, touchpoints: touches.length }, actor: 'visitor', occurredAt: now },
      ...(routed?.events ?? []),
      ...(sla ? [sla.event] : []),
    ]);
    const created = { tenantId: form.tenantId, topic: 'lead.created', payload: { leadId, formId: form.id, values, status, firstTouch: first ? storedTouch(first) : null, lastTouch: last ? storedTouch(last) : null, createdAt: now.toISOString() } };
    const messageIds = spam ? [] : await enqueue(tx, [created, ...(gate?.messages ?? []), ...(routed?.messages ?? [])], now);

    // Spam is answered like any lead so a bot learns nothing from the response.
    const result: SubmissionResult =
      status === 'waitlisted' ? { leadId, status: 'waitlisted', ...(gate!.availability.message ? { message: gate!.availability.message } : {}) } : { leadId, status: 'accepted' };
    if (input.idempotencyKey) await saveIdempotentResponse(tx, { scope, key: input.idempotencyKey, statusCode: 201, response: result });
    return { statusCode: 201, result, replayed: false, messageIds };
  }));
  } catch (err) {
    // Turned away by a full form: nothing of the submission is kept, but the demand is (its last
    // touch, no personal data), so marketing sees which campaign outran the team.
    const lastTouch = touches[touches.length - 1];
    if (err instanceof ApiError && err.code === 'form_closed' && lastTouch) await recordRefusedTouch(db, form, lastTouch, now);
    throw err;
  }
}
