/**
 * The two endpoints the widget talks to. No key: the form id is public, and CORS per form decides
 * which sites may use it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { idParam, problemResponses } from '../contracts/common';
import { PublicForm, SubmissionInput, SubmissionResult } from '../contracts/public';
import { findPublicForm, formConsent, formTheme } from '../db/queries/forms';
import { isKnownBot } from '../domain/bots';
import { idPattern } from '../domain/ids';
import { ApiError } from '../errors';
import { checkOrigin, preflightResponse } from '../middleware/public-cors';
import { router } from '../router';
import { deliverAfterResponse } from './after-commit';
import { submitLead } from '../verbs/submit-lead';
import { publicUrlOf } from './public-url';
import { availabilityForView, publicAvailability, recordView, viewerKey } from '../verbs/form-demand';
import { clientGroup } from '../domain/client-address';
import { cutText } from '../domain/request-body';
import type { AppEnv } from '../context';

const FormParam = idParam('form', 'formId');

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Replays answer the first answer; at most 255 characters.',
    }),
});

// Never refused: a crafted link must not stop a form from showing. Overlong or odd values are cut
// and cleaned where they are read (domain/touchpoints.ts), and a malformed visitor id is not used.
// A parameter given twice (a link pasted onto a link) arrives as a list: its first value is used.
const ViewParam = z.union([z.string(), z.array(z.string())]).optional();
const ViewQuery = z.object({
  u: ViewParam.openapi({ description: "The visitor's last touch: the page it landed on (counts the view by source)." }),
  r: ViewParam.openapi({ description: 'That touch’s referrer.' }),
  v: ViewParam.openapi({ description: "The widget's visitor id: a view counts once per visitor, form and day." }),
});

const getForm = createRoute({
  method: 'get',
  path: '/{formId}',
  operationId: 'getPublicForm',
  tags: ['Public'],
  security: [],
  summary: 'A form as the widget renders it, with its availability (counts a view once per visitor and day)',
  request: { params: FormParam, query: ViewQuery },
  responses: {
    200: { description: 'The form', content: { 'application/json': { schema: PublicForm } } },
    ...problemResponses(400, 403, 404),
  },
});

const submit = createRoute({
  method: 'post',
  path: '/{formId}/submissions',
  operationId: 'submitLead',
  tags: ['Public'],
  security: [],
  summary: 'Submit a lead',
  request: {
    params: FormParam,
    headers: IdempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: SubmissionInput } } },
  },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: SubmissionResult } } },
    ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429),
  },
});

/**
 * Runs before validation on every public route: a foreign origin is refused (403) before it learns
 * anything about the body, and a client over its rate is refused before any parsing work.
 */
export const publicFormGate = createMiddleware<AppEnv>(async (c, next) => {
  const formId = c.req.param('formId') ?? '';
  if (!idPattern('form').test(formId)) throw new ApiError('malformed_request', 'formId: not a valid form id');
  const form = await findPublicForm(c.var.db, formId);
  if (!form) throw new ApiError('not_found', `No form ${formId}.`);
  checkOrigin(c, form.allowedOrigins);
  c.set('form', form);
  if (c.req.method === 'OPTIONS') {
    if (!c.var.corsOrigin) throw new ApiError('forbidden_origin', 'A preflight needs an Origin.');
    return preflightResponse(c.var.corsOrigin);
  }
  if (c.req.method === 'POST') {
    const deps = c.var.deps;
    const wait = c.var.limiter.take(`${formId}:${clientGroup(deps.clientIp(c))}`, deps.now().getTime());
    if (wait > 0)
      throw new ApiError('rate_limited', `Too many submissions; try again in ${wait} s.`, { retryAfterSeconds: wait });
  }
  await next();
});

export const publicForms = router()
  .openapi(getForm, async (c) => {
    const form = c.var.form!;
    const { db, deps } = c.var;
    const now = deps.now();
    const shown = await availabilityForView(db, form, now);
    const q = c.req.valid('query');
    const client = clientGroup(deps.clientIp(c));
    // A crawler or link preview fetching the config is not a visitor seeing the form; past its
    // budget a client still gets the form, but nothing it sends is counted or written.
    const counted =
      !isKnownBot(c.req.header('user-agent')) && c.var.viewLimiter.take(`${form.id}:${client}`, now.getTime()) === 0;
    if (counted) {
      const page = { page: cleanParam(first(q.u)), referrer: cleanParam(first(q.r)) };
      deps.defer(
        c,
        viewerKey(first(q.v), client, form.id).then((visitor) =>
          recordView(db, form, shown, { ...page, visitor }, now),
        ),
      );
    }
    // A view is counted per visitor and day, so no HTTP caching; the availability itself is cached briefly.
    c.header('cache-control', 'no-store');
    return c.json(
      {
        id: form.id,
        fields: form.fields,
        theme: formTheme(form),
        copy: form.copy,
        consent: formConsent(form),
        availability: publicAvailability(shown),
      },
      200,
    );
  })
  .openapi(submit, async (c) => {
    const deps = c.var.deps;
    const outcome = await submitLead(c.var.db, {
      form: c.var.form!,
      body: c.req.valid('json'),
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      requestPage: c.req.header('referer') ?? c.req.header('origin') ?? null,
      now: deps.now(),
      publicUrl: publicUrlOf(c),
    });
    if (outcome.replayed) c.header('idempotent-replayed', 'true');
    deliverAfterResponse(c, outcome.messageIds);
    return c.json(outcome.result, 201);
  });

/** A view parameter as far as it is used: bounded (touchpoints cut and clean the rest). */
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const cleanParam = (s: string | undefined) => (s ? cutText(s, 2048) : null);
