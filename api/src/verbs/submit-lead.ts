/**
 * The submission path: one transaction takes a validated submission to a stored lead with its
 * touchpoints, owner, due time, events and outbox messages. Either all of it is stored or none of it.
 */
import { sql } from 'drizzle-orm';
import type { SubmissionInput, SubmissionResult } from '../contracts/public';
import type { Database } from '../db/database';
import type { FormRow } from '../db/queries/forms';
import { claimIdempotencyKey, saveIdempotentResponse } from '../db/queries/idempotency';
import { appendLeadEvents } from '../db/queries/lead-events';
import { enqueue } from '../db/queries/outbox';
import { retryOnConflict } from '../db/retry';
import { leads, touchpoints, visitors } from '../db/schema';
import type { StoredTouch } from '../db/schema/touchpoints';
import { deriveFacts } from '../domain/derive-facts';
import { valuesSchema } from '../domain/fields';
import { entryStage } from '../db/queries/pipeline-stages';
import { storedQuality } from '../db/queries/source-scores';
import { newId } from '../domain/ids';
import type { FieldValue, LeadFacts } from '../domain/lead-facts';
import { fingerprint } from '../domain/request-body';
import { isLikelySpam } from '../domain/spam';
import { orderTouches, parseTouch, touchFacts, unstorableParam, type Touchpoint } from '../domain/touchpoints';
import { ApiError, invalidFields, type FieldError } from '../errors';
import { zodIssues } from '../router';
import { CapacityRaceLost, confirmPlace, passGate, peekGate, type GateDecision } from './capacity-gate';
import { publicAvailability, recordRefusedTouch } from './form-demand';
import { decideRoute } from './route-lead';
import { slaStart } from './sla-clock';

export interface SubmitLeadInput {
  form: FormRow;
  body: SubmissionInput;
  idempotencyKey?: string;
  /** The page the request came from (Referer, else Origin): the touch recorded when none is sent. */
  requestPage: string | null;
  now: Date;
  /** The dashboard's public origin, for the link in the assignment email. */
  publicUrl?: string;
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

function touchesFor(body: SubmissionInput, requestPage: string | null, now: Date): Touchpoint[] {
  const raw = body.touchpoints?.length
    ? body.touchpoints.map((t) => {
        const at = new Date(t.occurredAt);
        return {
          url: t.url,
          referrer: t.referrer || null,
          utm: t.utm,
          occurredAt: at.getTime() > now.getTime() + CLOCK_SKEW_MS ? now : at,
        };
      })
    : [{ url: requestPage ?? '', referrer: null, occurredAt: now }];
  return orderTouches(raw.map(parseTouch));
}

function storedTouch(t: Touchpoint): StoredTouch {
  return { ...t, occurredAt: t.occurredAt.toISOString() };
}

/** Touch URLs whose kept query parameters decode to text that cannot be stored: the client chose them, so refuse. */
function undecodableTouches(body: SubmissionInput): FieldError[] {
  return (body.touchpoints ?? []).flatMap((t, i) => {
    const param = unstorableParam(t.url);
    return param
      ? [{ path: `touchpoints.${i}.url`, message: `${param} decodes to a character that cannot be stored` }]
      : [];
  });
}

/** Everything worked out before the transaction: validated values, touches, facts, spam verdict. */
interface Prepared {
  input: SubmitLeadInput;
  values: Record<string, FieldValue>;
  touches: Touchpoint[];
  facts: LeadFacts;
  spam: boolean;
  fingerprint: string;
}

async function prepare(input: SubmitLeadInput): Promise<Prepared> {
  const { form, body, now } = input;
  const parsed = valuesSchema(form.fields).safeParse(body.values);
  const errors = [
    ...(parsed.success ? [] : zodIssues(parsed.error).map((e) => ({ ...e, path: `values.${e.path}` }))),
    ...undecodableTouches(body),
  ];
  if (!parsed.success || errors.length > 0) throw invalidFields(errors);
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Record<
    string,
    FieldValue
  >;
  const touches = touchesFor(body, input.requestPage, now);
  const facts = deriveFacts({
    formId: form.id,
    values,
    fields: form.fields,
    firstTouch: touchFacts(touches[0]),
    lastTouch: touchFacts(touches.at(-1)),
  });
  return {
    input,
    values,
    touches,
    facts,
    spam: isLikelySpam(body),
    fingerprint: input.idempotencyKey ? await fingerprint(body) : '',
  };
}

export async function submitLead(db: Database, input: SubmitLeadInput): Promise<SubmitLeadOutcome> {
  const p = await prepare(input);
  const run = (optimistic: boolean) => retryOnConflict(() => db.transaction((tx) => write(tx, p, optimistic)));
  try {
    try {
      return await run(true);
    } catch (err) {
      // Another submission took the last place first: decide again, taking the place up front.
      if (err instanceof CapacityRaceLost) return await run(false);
      throw err;
    }
  } catch (err) {
    // Turned away by a full form: nothing of the submission is kept, but the demand is (its last
    // touch, no personal data), so marketing sees which campaign outran the team.
    const lastTouch = p.touches.at(-1);
    if (err instanceof ApiError && err.code === 'form_closed' && lastTouch)
      await recordRefusedTouch(db, input.form, lastTouch, input.now);
    throw err;
  }
}

/**
 * The transaction. The capacity gate holds a row lock from the moment it takes a place until the
 * commit, serialising every submission to that form; so it first only looks (`optimistic`), and
 * takes the place at the very end. If the place is gone by then, the caller runs it again taking
 * the place first.
 */
async function write(tx: Database, p: Prepared, optimistic: boolean): Promise<SubmitLeadOutcome> {
  const { form, body, now, idempotencyKey } = p.input;
  const scope = form.id;
  if (idempotencyKey) {
    const claim = await claimIdempotencyKey(tx, {
      tenantId: form.tenantId,
      scope,
      key: idempotencyKey,
      fingerprint: p.fingerprint,
      now,
    });
    if (claim.kind === 'conflict')
      throw new ApiError('idempotency_conflict', 'This Idempotency-Key was used with a different body.');
    if (claim.kind === 'replay')
      return {
        statusCode: claim.statusCode,
        result: claim.response as SubmissionResult,
        replayed: true,
        messageIds: [],
      };
  }

  // Conditions and the capacity gate may read the source's quality: the stored score is read, never computed here.
  const quality = p.spam ? undefined : await storedQuality(tx, form.tenantId, p.facts.firstTouch);
  let gate: GateDecision | null = p.spam
    ? null
    : optimistic
      ? await peekGate(tx, form.tenantId, form.id, now, quality)
      : await passGate(tx, form.tenantId, form.id, now, quality);
  const state = gate?.availability.state ?? 'open';
  if (state === 'closed' || state === 'redirect') {
    throw new ApiError('form_closed', gate!.availability.message ?? 'This form is not taking submissions right now.', {
      availability: publicAvailability(gate!.availability),
    });
  }
  const leadId = newId('lead', now);
  const status = p.spam ? 'spam' : state === 'waitlist' ? 'waitlisted' : 'open';
  if (body.visitorId) {
    await tx
      .insert(visitors)
      .values({
        tenantId: form.tenantId,
        id: body.visitorId,
        firstSeenAt: p.touches[0]?.occurredAt ?? now,
        lastSeenAt: now,
      })
      .onConflictDoUpdate({
        target: [visitors.tenantId, visitors.id],
        set: { lastSeenAt: sql`excluded.last_seen_at` },
      });
  }
  const first = p.touches[0];
  const last = p.touches.at(-1);
  // Routing and the SLA clock are decided before the lead is written, so the lead goes in once
  // with its owner and due time, and its events and messages in one statement each.
  const facts = { ...p.facts, quality };
  const routed =
    status === 'open'
      ? await decideRoute(tx, {
          tenantId: form.tenantId,
          lead: { id: leadId, formId: form.id, values: p.values },
          facts,
          now,
          actor: 'system',
          publicUrl: p.input.publicUrl,
        })
      : null;
  const sla = routed
    ? await slaStart(tx, form.tenantId, leadId, { ...facts, teamId: routed.decision.teamId }, now)
    : null;
  await tx.insert(leads).values({
    id: leadId,
    tenantId: form.tenantId,
    formId: form.id,
    visitorId: body.visitorId ?? null,
    values: p.values,
    status,
    intake: p.spam ? 'spam' : state === 'waitlist' ? 'waitlisted' : 'accepted',
    firstTouch: first ? storedTouch(first) : null,
    lastTouch: last ? storedTouch(last) : null,
    firstChannel: first?.channel ?? null,
    lastChannel: last?.channel ?? null,
    email: p.facts.email.address,
    emailDomain: p.facts.email.domain,
    ...routed?.leadPatch,
    ...sla?.patch,
    ...(p.spam ? {} : entryStage(form.tenantId, now)),
    createdAt: now,
    updatedAt: now,
  });
  if (p.touches.length > 0) {
    await tx.insert(touchpoints).values(
      p.touches.map((t, position) => ({
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
  if (optimistic && gate && status === 'open') gate = { ...gate, messages: await confirmPlace(tx, gate, now) };
  await appendLeadEvents(tx, [
    {
      tenantId: form.tenantId,
      leadId,
      type: 'lead.created',
      data: { formId: form.id, status, touchpoints: p.touches.length },
      actor: 'visitor',
      occurredAt: now,
    },
    ...(routed?.events ?? []),
    ...(sla ? [sla.event] : []),
  ]);
  const created = {
    tenantId: form.tenantId,
    topic: 'lead.created',
    payload: {
      leadId,
      formId: form.id,
      values: p.values,
      status,
      firstTouch: first ? storedTouch(first) : null,
      lastTouch: last ? storedTouch(last) : null,
      createdAt: now.toISOString(),
    },
  };
  const messageIds = p.spam
    ? []
    : await enqueue(tx, [created, ...(gate?.messages ?? []), ...(routed?.messages ?? [])], now);

  // Spam is answered like any lead so a bot learns nothing from the response.
  const message = gate?.availability.message;
  const result: SubmissionResult =
    status === 'waitlisted'
      ? { leadId, status: 'waitlisted', ...(message ? { message } : {}) }
      : { leadId, status: 'accepted' };
  if (idempotencyKey)
    await saveIdempotentResponse(tx, { scope, key: idempotencyKey, statusCode: 201, response: result });
  return { statusCode: 201, result, replayed: false, messageIds };
}
