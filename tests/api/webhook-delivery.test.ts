/**
 * Outbox → signed webhooks at a real HTTP receiver on 127.0.0.1: right after the commit, then retried by
 * scheduler ticks as the test clock moves, until delivered, failed, or the endpoint is gone.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../api/src/db/queries/outbox';
import { MAX_ATTEMPTS } from '../../api/src/domain/delivery-policy';
import { deliverMessages } from '../../api/src/jobs/outbox-dispatch';
import { runTick } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { createEndpoint, deliveriesOf, endpointRow, tick, verifySignature } from '../helpers/webhooks';

const ADA = { values: { name: 'Ada Lovelace', email: 'ada@example.com' } };

describe.each(testDbKinds)('webhook delivery on %s', (kind) => {
  let h: Harness;
  let r: Receiver;
  let t: TestTenant;
  let formId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.clock.set(new Date());
    r = await startReceiver();
    t = await seedTenant(h, 'Acme');
    formId = (await t.createForm()).id;
  });
  afterEach(async () => {
    await h.settle();
    await r.close();
  });

  it('delivers a submission as a signed lead.created webhook right after the commit', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks/acme`, ['lead.created']);
    const other = await seedTenant(h, 'Other');
    await createEndpoint(other, `${r.url}/hooks/other`, ['*']);

    const res = await submit(h, formId, ADA);
    expect(res.status).toBe(201);
    const { leadId } = (await res.json()) as { leadId: string };
    const [req] = await r.waitFor(1);
    await h.settle();

    expect(req!.path).toBe('/hooks/acme');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['webhook-id']).toMatch(/^msg_/);
    // The independent library verifies it the way a customer's receiver would (the clock is real here).
    const event = new Webhook(endpoint.secret).verify(req!.body, req!.headers) as any;
    expect(event).toMatchObject({ type: 'lead.created', data: { leadId, formId, values: ADA.values } });
    expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);

    const [delivery] = await deliveriesOf(h, t.tenantId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, endpointId: endpoint.id });
    // Another tenant's endpoint never hears of this tenant's lead.
    expect(r.requests.filter((q) => q.path === '/hooks/other')).toHaveLength(0);
    expect(await deliveriesOf(h, other.tenantId)).toHaveLength(0);
  });

  it('retries failures at later ticks with the same webhook-id and body, each attempt freshly signed', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks/flaky`);
    r.failNext(2, 503);
    await submit(h, formId, ADA);
    await h.settle();
    expect(r.requests).toHaveLength(1);

    let [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(d!.lastError).toContain('receiver says 503');
    const wait = d!.nextAttemptAt.getTime() - h.clock.now.getTime();
    expect(wait).toBeGreaterThanOrEqual(9_000);
    expect(wait).toBeLessThanOrEqual(11_000);

    // Not due yet: a tick now sends nothing.
    await tick(h);
    expect(r.requests).toHaveLength(1);

    h.clock.set(d!.nextAttemptAt);
    await tick(h);
    [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 503 });
    expect(d!.nextAttemptAt.getTime() - h.clock.now.getTime()).toBeGreaterThanOrEqual(54_000);

    h.clock.set(d!.nextAttemptAt);
    await tick(h);
    [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });
    expect(d!.deliveredAt).toEqual(h.clock.now);

    expect(r.requests).toHaveLength(3);
    const ids = new Set(r.requests.map((q) => q.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    const stamps = r.requests.map((q) => Number(q.headers['webhook-timestamp']));
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
    for (const q of r.requests) expect(verifySignature(q, endpoint.secret).type).toBe('lead.created');
  });

  it('gives up after the last attempt and marks the delivery failed', async () => {
    await createEndpoint(t, `${r.url}/hooks/down`);
    r.answer(500);
    await submit(h, formId, ADA);
    await h.settle();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const [d] = await deliveriesOf(h, t.tenantId);
      if (d!.status !== 'pending') break;
      h.clock.set(d!.nextAttemptAt);
      await tick(h);
    }
    const [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: 500 });
    expect(r.requests).toHaveLength(MAX_ATTEMPTS);
    // Nothing more, however long we wait.
    h.clock.set(new Date(h.clock.now.getTime() + 7 * 24 * 3600_000));
    await tick(h);
    expect(r.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it('disables an endpoint that answers 410 Gone, until it is enabled again', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks/gone`);
    r.answer(410);
    await submit(h, formId, ADA);
    await h.settle();
    expect(r.requests).toHaveLength(1);
    const [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    const read = (await (await t.api(`/v1/webhook-endpoints/${endpoint.id}`)).json()) as any;
    expect(read).toMatchObject({ enabled: false, disabledReason: 'gone' });

    // A disabled endpoint gets no new deliveries.
    await submit(h, formId, ADA);
    await h.settle();
    await tick(h);
    expect(r.requests).toHaveLength(1);
    expect(await deliveriesOf(h, t.tenantId)).toHaveLength(1);

    r.answer(204);
    const enabled = await t.api(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled: true } });
    expect(await enabled.json()).toMatchObject({ enabled: true, disabledReason: null });
    await submit(h, formId, ADA);
    await h.settle();
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1]!.answered).toBe(204);
  });

  it('never follows a redirect: a 3xx is a failed attempt', async () => {
    await createEndpoint(t, `${r.url}/hooks/moved`);
    r.answer(307, { location: `${r.url}/elsewhere` });
    await submit(h, formId, ADA);
    await h.settle();
    expect(r.requests.map((q) => q.path)).toEqual(['/hooks/moved']);
    const [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 307 });
    expect(d!.lastError).toContain('not followed');
  });

  it('gives up on a slow receiver at the timeout and tries again later', async () => {
    await createEndpoint(t, `${r.url}/hooks/slow`);
    r.delay(2_000);
    await enqueue(
      h.handle.db,
      [{ tenantId: t.tenantId, topic: 'lead.created', payload: { leadId: 'lead_x' } }],
      h.clock.now,
    );
    // The receiver would answer 204 after 2 s: a tick that waited for it would record a delivery,
    // so `retrying` with no status code shows the attempt was cut off at the timeout.
    const report = await runTick(h.handle.db, h.clock.now, { ...h.deps, timeoutMs: 200 });
    expect(report.deliveries).toMatchObject({ attempted: 1, retrying: 1 });
    const [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'no answer within 0.2 s',
    });
  });

  it('checks the target again at send time: production rules refuse the receiver on 127.0.0.1', async () => {
    await createEndpoint(t, `${r.url}/hooks/private`);
    await enqueue(h.handle.db, [{ tenantId: t.tenantId, topic: 'lead.created', payload: {} }], h.clock.now);
    await runTick(h.handle.db, h.clock.now); // no options: private targets refused, as in the Worker
    expect(r.requests).toHaveLength(0);
    const [d] = await deliveriesOf(h, t.tenantId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toBe('refused: the URL must use https');
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks/rotating`);
    const rotated = (await (
      await t.api(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { method: 'POST' })
    ).json()) as any;
    await submit(h, formId, ADA);
    await h.settle();
    const [req] = r.requests;
    expect(req!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(endpoint.secret).verify(req!.body, req!.headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(req!.body, req!.headers)).not.toThrow();
    expect((await endpointRow(h, endpoint.id)).previousSecret).toBe(endpoint.secret);
  });

  it('posts a Slack-targeted message as { text, blocks }, besides the webhook of the same event', async () => {
    const endpoint = await createEndpoint(t, `${r.url}/hooks/all`, ['lead.assigned']);
    const payload = {
      leadId: 'lead_01JD3Q5V7X9K2M4N6P8R0S2T4V',
      formId,
      values: { name: 'Ada <!here>', email: 'ada@example.com' },
      repName: 'Grace',
      teamName: 'EMEA',
      rule: 'Enterprise',
    };
    const ids = await enqueue(
      h.handle.db,
      [{ tenantId: t.tenantId, topic: 'lead.assigned', payload, slackUrl: `${r.url}/slack/T1/B1/secret` }],
      h.clock.now,
    );
    // The after-commit path, as routing calls it.
    await deliverMessages(h.handle.db, ids, h.clock.now, h.deps);
    expect(r.requests).toHaveLength(2);

    const slack = r.requests.find((q) => q.path === '/slack/T1/B1/secret')!;
    expect(slack.headers['content-type']).toBe('application/json');
    expect(slack.headers['webhook-signature']).toBeUndefined();
    const message = JSON.parse(slack.body);
    expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
    expect(message.text).toBe(':inbox_tray: New lead for *Grace* (EMEA)');
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: message.text } });
    // The visitor's text, as typed, in plain text only.
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'plain_text', text: 'Ada <!here>', emoji: false },
    });

    const hook = r.requests.find((q) => q.path === '/hooks/all')!;
    expect(verifySignature(hook, endpoint.secret)).toMatchObject({ type: 'lead.assigned', data: payload });
    const rows = await deliveriesOf(h, t.tenantId);
    expect(rows.map((d) => [d.endpointId ? 'endpoint' : d.slackUrl, d.status]).sort()).toEqual([
      ['endpoint', 'delivered'],
      [`${r.url}/slack/T1/B1/secret`, 'delivered'],
    ]);
  });

  it('never sends one delivery twice when ticks and after-commit deliveries race, retries included', async () => {
    await createEndpoint(t, `${r.url}/hooks/a`);
    await createEndpoint(t, `${r.url}/hooks/b`);
    r.delay(30);
    r.failNext(7, 502);
    const messages = Array.from({ length: 12 }, (_, n) => ({
      tenantId: t.tenantId,
      topic: 'lead.created',
      payload: { n },
    }));
    const ids = await enqueue(h.handle.db, messages, h.clock.now);
    await Promise.all([
      tick(h),
      tick(h),
      tick(h),
      deliverMessages(h.handle.db, ids.slice(0, 6), h.clock.now, h.deps),
      deliverMessages(h.handle.db, ids, h.clock.now, h.deps),
      submit(h, formId, ADA),
    ]);
    await h.settle();
    const pairs = 13 * 2;
    expect(r.requests).toHaveLength(pairs);
    let rows = await deliveriesOf(h, t.tenantId);
    expect(rows).toHaveLength(pairs);
    expect(rows.filter((d) => d.status === 'pending')).toHaveLength(7);
    expect(rows.every((d) => d.attempts === 1)).toBe(true);

    // The retries race too: past the longest jittered first delay, three ticks at once.
    h.clock.set(new Date(h.clock.now.getTime() + 11_000));
    await Promise.all([tick(h), tick(h), tick(h)]);
    rows = await deliveriesOf(h, t.tenantId);
    expect(rows.every((d) => d.status === 'delivered')).toBe(true);
    expect(r.requests).toHaveLength(pairs + 7);
    const successes = new Map<string, number>();
    for (const q of r.requests.filter((q) => q.answered < 300)) {
      const key = `${q.path} ${q.headers['webhook-id']}`;
      successes.set(key, (successes.get(key) ?? 0) + 1);
    }
    expect(successes.size).toBe(pairs);
    expect([...successes.values()].every((n) => n === 1)).toBe(true);
  });
});
