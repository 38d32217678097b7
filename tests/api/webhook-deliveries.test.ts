/**
 * What a customer sees of their webhooks: an endpoint's deliveries with attempts and errors, a
 * resend once the receiver is fixed (same webhook-id, sent right away), tenant walls, and the
 * scheduler forgetting settled messages after the retention while keeping what is still pending.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../api/src/db/schema';
import { MAX_ATTEMPTS } from '../../api/src/domain/delivery-policy';
import { MESSAGE_RETENTION_MS } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { createEndpoint, deliveriesOf, tick } from '../helpers/webhooks';

const lead = (n: number) => ({ values: { name: `Lead ${n}`, email: `lead${n}@example.com` } });

describe.each(testDbKinds)('webhook deliveries API on %s', (kind) => {
  let h: Harness;
  let r: Receiver;
  let t: TestTenant;
  let formId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.clock.set('2026-11-25T10:00:00Z');
    r = await startReceiver();
    t = await seedTenant(h, 'Acme');
    formId = (await t.createForm()).id;
  });
  afterEach(async () => {
    await h.settle();
    await r.close();
  });

  const list = async (endpointId: string, query = '') =>
    (await (await t.api(`/v1/webhook-endpoints/${endpointId}/deliveries${query}`)).json()) as any;

  it('lists deliveries newest first with their attempts and last error, by status and page by page', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks`, ['lead.created']);
    r.failNext(1, 503);
    for (let i = 1; i <= 3; i++) await submit(h, formId, lead(i));
    await h.settle();
    const stored = await deliveriesOf(h, t.tenantId);
    expect(stored).toHaveLength(3);

    const all = await list(endpoint.id);
    expect(all.data.map((d: any) => d.id)).toEqual(stored.map((d) => d.id).reverse());
    const failing = all.data.find((d: any) => d.status === 'pending');
    expect(failing).toMatchObject({ topic: 'lead.created', attempts: 1, lastStatusCode: 503, deliveredAt: null });
    expect(failing.lastError).toContain('receiver says 503');
    expect(Date.parse(failing.nextAttemptAt)).toBeGreaterThan(h.clock.now.getTime());
    expect(
      all.data
        .filter((d: any) => d.status === 'delivered')
        .every((d: any) => d.lastStatusCode === 204 && d.nextAttemptAt === null),
    ).toBe(true);

    expect((await list(endpoint.id, '?status=pending')).data.map((d: any) => d.id)).toEqual([failing.id]);
    const first = await list(endpoint.id, '?limit=2');
    const second = await list(endpoint.id, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.data, ...second.data].map((d: any) => d.id)).toEqual(all.data.map((d: any) => d.id));
    expect(second.nextCursor).toBeNull();
    expect((await t.api(`/v1/webhook-endpoints/${endpoint.id}/deliveries?status=lost`)).status).toBe(400);
  });

  it('resends a failed delivery right away with the same webhook-id once the receiver is fixed', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks`, ['lead.created']);
    r.answer(500);
    await submit(h, formId, lead(1));
    await h.settle();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      h.clock.set(new Date(h.clock.now.getTime() + 25 * 3600_000));
      await tick(h);
    }
    const [failed] = (await list(endpoint.id)).data;
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    const sentBefore = r.requests.length;

    r.answer(204);
    const res = await t.api(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${failed.id}/resend`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ id: failed.id, status: 'pending', attempts: 0, lastError: null });
    await h.settle(); // sent after the answer, not at the next tick
    expect(r.requests).toHaveLength(sentBefore + 1);
    expect(r.requests.at(-1)!.headers['webhook-id']).toBe(failed.messageId);
    expect((await list(endpoint.id)).data[0]).toMatchObject({
      id: failed.id,
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
    });
  });

  it('refuses to resend a pending delivery or to a disabled endpoint (409), and changes nothing', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks`, ['lead.created']);
    r.failNext(1, 503);
    await submit(h, formId, lead(1));
    await submit(h, formId, lead(2));
    await h.settle();
    const [delivered, pending] = [
      (await list(endpoint.id, '?status=delivered')).data[0],
      (await list(endpoint.id, '?status=pending')).data[0],
    ];
    const resend = (id: string) =>
      t.api(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${id}/resend`, { method: 'POST' });
    const busy = await resend(pending.id);
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as any).type).toBe('https://inlet.dev/problems/conflict');
    expect(
      (await t.api(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled: false } })).status,
    ).toBe(200);
    expect((await resend(delivered.id)).status).toBe(409);
    expect((await list(endpoint.id)).data).toEqual(expect.arrayContaining([delivered, pending]));
  });

  it("answers another tenant's endpoint or delivery exactly like an unknown one", async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks`, ['lead.created']);
    await submit(h, formId, lead(1));
    await h.settle();
    const [delivery] = (await list(endpoint.id)).data;
    const other = await seedTenant(h, 'Globex');
    const theirs = await createEndpoint(other, `${r.url}/theirs`, ['lead.created']);
    const unknownEndpoint = unknownId('endpoint');
    const unknownDelivery = unknownId('delivery');
    await expectSameAsUnknown(
      other.api,
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
      `/v1/webhook-endpoints/${unknownEndpoint}/deliveries`,
      {},
      'list',
    );
    await expectSameAsUnknown(
      other.api,
      `/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/resend`,
      `/v1/webhook-endpoints/${unknownEndpoint}/deliveries/${unknownDelivery}/resend`,
      { method: 'POST' },
      'resend',
    );
    // Their own endpoint does not reach our delivery either.
    expect(
      (await other.api(`/v1/webhook-endpoints/${theirs.id}/deliveries/${delivery.id}/resend`, { method: 'POST' }))
        .status,
    ).toBe(404);
    expect((await (await other.api(`/v1/webhook-endpoints/${theirs.id}/deliveries`)).json()) as any).toEqual({
      data: [],
      nextCursor: null,
    });
  });

  it('forgets settled messages after the retention, keeping recent ones and anything still pending', async () => {
    // Ids carry their time and never go back within a process, so start after every earlier test's
    // clock in this file (this test runs once per database kind, a year apart).
    const start = Date.parse('2027-06-01T10:00:00Z') + testDbKinds.indexOf(kind) * 365 * 24 * 3600_000;
    h.clock.set(new Date(start));
    const endpoint = await createEndpoint(t, `${r.url}/hooks`, ['lead.created']);
    await submit(h, formId, lead(1)); // delivered
    await h.settle();
    r.answer(500);
    await submit(h, formId, lead(2)); // keeps failing: pending for a while, then failed
    await h.settle();
    h.clock.set(new Date(h.clock.now.getTime() + MESSAGE_RETENTION_MS - 3600_000));
    r.answer(204);
    await submit(h, formId, lead(3)); // recent
    await h.settle();
    const messages = async () =>
      (await h.handle.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.tenantId, t.tenantId))).length;
    expect(await messages()).toBe(3);

    // Past the retention for the first two; the second is still pending (this tick's retry fails too).
    h.clock.set(new Date(start + MESSAGE_RETENTION_MS + 60_000));
    r.answer(500);
    await tick(h);
    expect((await list(endpoint.id)).data.map((d: any) => d.status)).toEqual(['delivered', 'pending']);
    expect(await messages()).toBe(2);
  });
});
