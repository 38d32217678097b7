/** Helpers for the webhook tests: endpoints through the API, deliveries read straight from the database. */
import { asc, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { deliveries, webhookEndpoints } from '../../api/src/db/schema';
import { runTick } from '../../api/src/jobs/tick';
import type { Harness, TestTenant } from './harness';
import type { ReceivedRequest } from './receiver';

export interface CreatedEndpoint {
  id: string;
  url: string;
  secret: string;
  topics: string[];
  enabled: boolean;
}

export async function createEndpoint(t: TestTenant, url: string, topics: string[] = ['*']): Promise<CreatedEndpoint> {
  const res = await t.api('/v1/webhook-endpoints', { body: { url, topics } });
  if (res.status !== 201) throw new Error(`createEndpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedEndpoint;
}

export function deliveriesOf(h: Harness, tenantId: string) {
  return h.handle.db.select().from(deliveries).where(eq(deliveries.tenantId, tenantId)).orderBy(asc(deliveries.id));
}

export async function endpointRow(h: Harness, id: string) {
  const [row] = await h.handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row!;
}

/** A scheduler tick as the local runner runs it (private targets allowed, the test receiver is on 127.0.0.1). */
export const tick = (h: Harness) => runTick(h.handle.db, h.clock.now, h.deps);

/**
 * Checks a received request with the independent `standardwebhooks` library: the signature must be
 * the library's own for that id, timestamp and body (independent of the wall clock, so it holds for
 * retries sent at a moved test clock too). Answers the parsed body.
 */
export function verifySignature(
  req: ReceivedRequest,
  secret: string,
): { type: string; timestamp: string; data: Record<string, unknown> } {
  const id = req.headers['webhook-id']!;
  const at = new Date(Number(req.headers['webhook-timestamp']) * 1000);
  const expected = new Webhook(secret).sign(id, at, req.body);
  expect(req.headers['webhook-signature']!.split(' ')).toContain(expected);
  return JSON.parse(req.body);
}
