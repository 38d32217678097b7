/**
 * What was sent to a webhook endpoint: each delivery with its attempts and last error, and a resend
 * for one that failed (or that the receiver lost), as Stripe's and Svix's dashboards offer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, json, listOf, problemResponses } from '../contracts/common';
import { WebhookDelivery, WebhookDeliveryListQuery } from '../contracts/webhook-deliveries';
import {
  findEndpointDelivery,
  listEndpointDeliveries,
  resendDelivery,
  type DeliveryWithTopic,
} from '../db/queries/deliveries';
import { page } from '../db/queries/pagination';
import { findWebhookEndpoint } from '../db/queries/webhook-endpoints';
import { ApiError, notFound } from '../errors';
import { router } from '../router';
import { deliverAfterResponse } from './after-commit';

const EndpointId = idParam('endpoint');
const DeliveryParams = z.object({ ...EndpointId.shape, ...idParam('delivery', 'deliveryId').shape });
const tags = ['Webhook endpoints'];

const list = createRoute({
  method: 'get',
  path: '/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: "List an endpoint's deliveries, newest first (kept 30 days)",
  request: { params: EndpointId, query: WebhookDeliveryListQuery },
  responses: {
    200: { description: 'A page of deliveries', ...json(listOf(WebhookDelivery, 'WebhookDeliveryList')) },
    ...problemResponses(400, 401, 404),
  },
});
const resend = createRoute({
  method: 'post',
  path: '/{id}/deliveries/{deliveryId}/resend',
  operationId: 'resendWebhookDelivery',
  tags,
  summary: 'Send a delivered or failed delivery again, now, with a fresh set of retries',
  request: { params: DeliveryParams },
  responses: {
    202: { description: 'Queued; it goes out right after this answer', ...json(WebhookDelivery) },
    ...problemResponses(400, 401, 404, 409),
  },
});

export const webhookDeliveryRoutes = router()
  .openapi(list, async (c) => {
    const { tenantId } = c.var.auth;
    const endpoint = await findWebhookEndpoint(c.var.db, tenantId, c.req.valid('param').id);
    if (!endpoint) throw notFound('webhook endpoint');
    const q = c.req.valid('query');
    const p = page(await listEndpointDeliveries(c.var.db, tenantId, endpoint.id, q), q.limit);
    return c.json({ data: p.data.map(presentDelivery), nextCursor: p.nextCursor }, 200);
  })
  .openapi(resend, async (c) => {
    const { tenantId } = c.var.auth;
    const { id, deliveryId } = c.req.valid('param');
    const endpoint = await findWebhookEndpoint(c.var.db, tenantId, id);
    if (!endpoint) throw notFound('webhook endpoint');
    const found = await findEndpointDelivery(c.var.db, tenantId, endpoint.id, deliveryId);
    if (!found) throw notFound('delivery for this endpoint');
    if (!endpoint.enabled) throw new ApiError('conflict', 'The endpoint is disabled: enable it first, then resend.');
    const row = await resendDelivery(c.var.db, tenantId, endpoint.id, deliveryId, c.var.deps.now());
    if (!row) throw new ApiError('conflict', 'The delivery is still pending: it is retried on its own schedule.');
    deliverAfterResponse(c, [row.messageId]);
    return c.json(presentDelivery({ ...row, topic: found.topic }), 202);
  });

function presentDelivery(d: DeliveryWithTopic) {
  const iso = (t: Date | null) => t?.toISOString() ?? null;
  return {
    id: d.id,
    messageId: d.messageId,
    topic: d.topic,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}
