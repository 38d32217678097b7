/**
 * The workspace's own Stripe account. Connecting (with a secret key) stores the signing secret of the
 * endpoint made in Stripe and answers the URL to paste there; that URL takes Stripe's events, proved
 * by Stripe's signature rather than a key (app.ts keeps it outside the key check, with a 1 MB body).
 */
import { createRoute } from '@hono/zod-openapi';
import Stripe from 'stripe';
import { idParam, json, problemResponses } from '../contracts/common';
import { ConnectStripeInput, StripeConnection, StripeEventReceipt } from '../contracts/stripe';
import {
  deleteStripeConnection,
  findStripeConnection,
  findStripeConnectionById,
  sealStripeSecret,
  stripeEventCounts,
  touchStripeConnection,
  upsertStripeConnection,
  type StripeConnectionRow,
} from '../db/queries/stripe';
import { HANDLED_TYPES, readStripeEvent, secretHint } from '../domain/stripe-events';
import { openSecret, sealSecret, type SecretBox } from '../domain/secret-box';
import { ApiError, notFound } from '../errors';
import { router } from '../router';
import { publicUrlOf } from './public-url';
import type { AppContext } from '../context';
import { receiveStripeEvent } from '../verbs/stripe-events';
import { deliverAfterResponse } from './after-commit';

const tags = ['Integrations'];
/** SubtleCrypto: the same verification in Node and in workerd (no node:crypto). */
const cryptoProvider = Stripe.createSubtleCryptoProvider();
/** Stripe's own default: a signature older than five minutes is a replay. */
const TOLERANCE_S = 300;

export const stripeEventsPath = (connectionId: string) => `/v1/integrations/stripe/${connectionId}/events`;
/** The events route, which the key check lets through (its signature is checked here instead). */
export const STRIPE_EVENTS_ROUTE = /^\/v1\/integrations\/stripe\/[^/]+\/events$/;

/** The signing secret is sealed at rest (domain/secret-box.ts) under a key derived from INLET_AUTH_SECRET. */
const box = (c: AppContext): SecretBox => ({
  serverSecret: c.var.deps.accounts.secret,
  purpose: 'stripe-signing-secret',
});

/** The stored secret, opened; a row stored in plaintext (before sealing) is sealed on the way. */
async function signingSecretOf(c: AppContext, r: StripeConnectionRow): Promise<string> {
  const { secret, legacy } = await openSecret(box(c), r.tenantId, r.signingSecret);
  if (legacy) await sealStripeSecret(c.var.db, r.id, r.signingSecret, await sealSecret(box(c), r.tenantId, secret));
  return secret;
}

async function present(c: AppContext, r: StripeConnectionRow) {
  const signingSecret = await signingSecretOf(c, r);
  return {
    id: r.id,
    endpointUrl: `${publicUrlOf(c)}${stripeEventsPath(r.id)}`,
    events: [...HANDLED_TYPES],
    signingSecretHint: secretHint(signingSecret),
    lastEventAt: r.lastEventAt?.toISOString() ?? null,
    eventCounts: await stripeEventCounts(c.var.db, r.tenantId),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const connect = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'connectStripe',
  summary: "Connect the workspace's Stripe account (again: rotate the signing secret, same URL)",
  request: { body: { required: true, ...json(ConnectStripeInput) } },
  responses: {
    201: { description: 'Connected: paste endpointUrl in Stripe', ...json(StripeConnection) },
    200: { description: 'The secret is replaced; the endpoint URL is unchanged', ...json(StripeConnection) },
    ...problemResponses(400, 401, 413, 415, 422),
  },
});
const read = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'getStripeConnection',
  summary: 'The Stripe connection (404 when none)',
  responses: { 200: { description: 'The connection', ...json(StripeConnection) }, ...problemResponses(401, 404) },
});
const disconnect = createRoute({
  method: 'delete',
  path: '/',
  tags,
  operationId: 'disconnectStripe',
  summary: 'Disconnect Stripe: its endpoint URL stops taking events (recorded money stays)',
  responses: { 204: { description: 'Disconnected' }, ...problemResponses(401, 404) },
});
const events = createRoute({
  method: 'post',
  path: '/{connectionId}/events',
  tags,
  security: [],
  operationId: 'receiveStripeEvent',
  summary: 'Stripe sends events here, signed (Stripe-Signature); at most 1 MB',
  description:
    'invoice.paid records revenue (the first paid invoice of a lead not yet won records won), charge.refunded a ' +
    'refund, customer.subscription.deleted churn. Each event id counts once; other types are acknowledged and ignored.',
  request: { params: idParam('stripeConnection', 'connectionId') },
  responses: {
    200: { description: 'Received', ...json(StripeEventReceipt) },
    ...problemResponses(400, 401, 404, 413),
  },
});

export const stripeRoutes = router()
  .openapi(connect, async (c) => {
    const now = c.var.deps.now();
    const { tenantId } = c.var.auth;
    const sealed = await sealSecret(box(c), tenantId, c.req.valid('json').signingSecret);
    const out = await upsertStripeConnection(c.var.db, tenantId, sealed, now);
    return c.json(await present(c, out.row), out.created ? 201 : 200);
  })
  .openapi(read, async (c) => {
    const row = await findStripeConnection(c.var.db, c.var.auth.tenantId);
    if (!row) throw notFound('Stripe connection');
    return c.json(await present(c, row), 200);
  })
  .openapi(disconnect, async (c) => {
    if (!(await deleteStripeConnection(c.var.db, c.var.auth.tenantId))) throw notFound('Stripe connection');
    return c.body(null, 204);
  })
  .openapi(events, async (c) => {
    const { db, deps } = c.var;
    const now = deps.now();
    const connection = await findStripeConnectionById(db, c.req.valid('param').connectionId);
    if (!connection) throw notFound('Stripe connection');
    const signature = c.req.header('stripe-signature');
    if (!signature) throw new ApiError('unauthorized', 'Send the Stripe-Signature header Stripe signs events with.');
    const payload = await c.req.text();
    let event: { id?: unknown; type?: unknown; created?: unknown; data?: unknown };
    try {
      event = await Stripe.webhooks.constructEventAsync(
        payload,
        signature,
        await signingSecretOf(c, connection),
        TOLERANCE_S,
        cryptoProvider,
        now.getTime(),
      );
    } catch (err) {
      if ((err as { type?: string }).type === 'StripeSignatureVerificationError')
        throw new ApiError('unauthorized', `The Stripe signature does not verify: ${(err as Error).message}`);
      throw new ApiError('malformed_request', 'The body is not a Stripe event (JSON).');
    }
    if (typeof event.id !== 'string' || typeof event.type !== 'string' || !event.id || event.id.length > 255)
      throw new ApiError('malformed_request', 'A Stripe event has an id and a type.');
    const read = readStripeEvent({ type: event.type, created: event.created, data: event.data });
    if (!read.ok) return c.json({ received: true as const, outcome: 'ignored' as const, leadId: null }, 200);
    const out = await receiveStripeEvent(db, {
      tenantId: connection.tenantId,
      connectionId: connection.id,
      eventId: event.id,
      type: event.type,
      fact: read.fact,
      now,
    });
    deps.defer(
      c,
      touchStripeConnection(db, connection.id, now).catch(() => {}),
    );
    deliverAfterResponse(c, out.messageIds);
    return c.json({ received: true as const, outcome: out.outcome, leadId: out.leadId }, 200);
  });
