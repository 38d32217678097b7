/**
 * Email as an outbox channel, end to end over HTTP: enqueueMail in a transaction, delivered to a
 * local server speaking Resend's API (recipient, subject, link, idempotency key), retried through
 * the outbox after a provider outage and sent exactly once; with no provider, caught, listed by
 * listCaughtMail and the local mailbox `GET /_dev/mail`, which is absent when a provider is configured.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../api/src/db/schema';
import { deliverMessages } from '../../api/src/jobs/outbox-dispatch';
import { runTick } from '../../api/src/jobs/tick';
import { createNodeApp } from '../../api/src/local/node-app';
import { enqueueMail, listCaughtMail, type MailInput } from '../../api/src/mail';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, type Harness } from '../helpers/harness';
import { startMailReceiver, type MailReceiver } from '../helpers/mail-receiver';

const resetMail = (to: string, token: string): MailInput => ({
  tenantId: null,
  to,
  kind: 'reset_password',
  subject: 'Reset your Inlet password',
  text: `Choose a new password: https://inlet.example/app/reset?token=${token}\nThe link works for an hour.`,
  html: `<p><a href="https://inlet.example/app/reset?token=${token}">Choose a new password</a></p>`,
});

describe.each(testDbKinds)('email through the provider on %s', (kind) => {
  let h: Harness;
  let provider: MailReceiver;

  beforeAll(async () => {
    provider = await startMailReceiver();
    h = await createHarness(kind, {
      mail: { provider: 'resend', apiKey: provider.apiKey, from: 'Inlet <mail@inlet.example>', apiUrl: provider.url },
    });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.close();
  });

  it('delivers account mail (no workspace) with the right recipient, subject and link', async () => {
    const now = h.clock.now;
    const ids = await h.handle.db.transaction((tx) => enqueueMail(tx, [resetMail('ada@example.com', 'tok1')], now));
    expect(ids).toHaveLength(1);
    const report = await deliverMessages(h.handle.db, ids, now, h.deps);
    expect(report).toMatchObject({ attempted: 1, delivered: 1 });
    const [email] = provider.emails.filter((e) => e.subject === 'Reset your Inlet password');
    expect(email).toMatchObject({ from: 'Inlet <mail@inlet.example>', to: ['ada@example.com'] });
    expect(email!.text).toContain('https://inlet.example/app/reset?token=tok1');
    expect(email!.html).toContain('href="https://inlet.example/app/reset?token=tok1"');
    expect(email!.idempotencyKey).toBe(`inlet-mail/${ids[0]}`);
    const [row] = await h.handle.db.select().from(deliveries).where(eq(deliveries.messageId, ids[0]!));
    expect(row).toMatchObject({ status: 'delivered', mailTo: 'ada@example.com', tenantId: null, lastStatusCode: 200 });
  });

  it('a mail rolled back with its transaction is never sent', async () => {
    const before = provider.requests.length;
    await expect(
      h.handle.db.transaction(async (tx) => {
        await enqueueMail(tx, [resetMail('rollback@example.com', 'tok-rb')], h.clock.now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await runTick(h.handle.db, h.clock.now, h.deps);
    expect(provider.requests.length).toBe(before);
  });

  it('retries through the outbox after a provider outage and delivers exactly once', async () => {
    h.clock.set('2026-12-02T10:00:00Z');
    const t = await seedTenant(h, 'Outage Inc');
    const mail = { ...resetMail('grace@example.com', 'tok2'), tenantId: t.tenantId, kind: 'invitation' as const };
    const ids = await h.handle.db.transaction((tx) => enqueueMail(tx, [mail], h.clock.now));
    provider.failNext(1, 500);
    expect(await deliverMessages(h.handle.db, ids, h.clock.now, h.deps)).toMatchObject({ retrying: 1 });
    const [pending] = await h.handle.db.select().from(deliveries).where(eq(deliveries.messageId, ids[0]!));
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    // Not due yet: a tick right away sends nothing.
    await runTick(h.handle.db, h.clock.now, h.deps);
    expect(provider.emails.filter((e) => e.to[0] === 'grace@example.com')).toHaveLength(0);
    // After the first backoff (10 s, ±10 %) the scheduler sends it; more ticks change nothing.
    h.clock.set('2026-12-02T10:00:12Z');
    await runTick(h.handle.db, h.clock.now, h.deps);
    h.clock.set('2026-12-02T10:10:00Z');
    await runTick(h.handle.db, h.clock.now, h.deps);
    expect(provider.emails.filter((e) => e.to[0] === 'grace@example.com')).toHaveLength(1);
    const tries = provider.requests.filter((r) => r.idempotencyKey === `inlet-mail/${ids[0]}`);
    expect(tries.map((r) => r.status)).toEqual([500, 200]);
    const [row] = await h.handle.db.select().from(deliveries).where(eq(deliveries.messageId, ids[0]!));
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, tenantId: t.tenantId });
  });

  it('a provider answer lost on the way is retried with the same key and sent once', async () => {
    const ids = await h.handle.db.transaction((tx) =>
      enqueueMail(tx, [resetMail('lin@example.com', 'tok3')], h.clock.now),
    );
    await deliverMessages(h.handle.db, ids, h.clock.now, h.deps);
    // The same request again, as a sender whose answer timed out would send it.
    const again = await fetch(`${provider.url}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.apiKey}`, 'idempotency-key': `inlet-mail/${ids[0]}` },
      body: JSON.stringify({
        from: 'Inlet <mail@inlet.example>',
        to: ['lin@example.com'],
        subject: 'Reset your Inlet password',
        text: resetMail('lin@example.com', 'tok3').text,
        html: resetMail('lin@example.com', 'tok3').html,
      }),
    });
    expect(again.status).toBe(200);
    expect(provider.emails.filter((e) => e.to[0] === 'lin@example.com')).toHaveLength(1);
  });

  it('serves no local mailbox when a provider is configured', async () => {
    const res = await h.request('/_dev/mail');
    expect(res.status).toBe(404);
  });
});

describe.each(testDbKinds)('caught email (no provider) on %s', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('catches mail: listed at once, printed on delivery, and served by /_dev/mail to this machine only', async () => {
    h.clock.set('2026-12-02T09:00:00Z');
    const ids = await h.handle.db.transaction((tx) =>
      enqueueMail(tx, [resetMail('Ada@Example.com', 'tokA')], h.clock.now),
    );
    h.clock.set('2026-12-02T09:00:01Z');
    await h.handle.db.transaction((tx) => enqueueMail(tx, [resetMail('bob@example.com', 'tokB')], h.clock.now));
    // Listed as soon as the transaction committed, newest first, by recipient regardless of case.
    expect((await listCaughtMail(h.handle.db)).map((m) => m.to)).toEqual(['bob@example.com', 'Ada@Example.com']);
    expect((await listCaughtMail(h.handle.db, { to: 'ada@example.com' })).map((m) => m.id)).toEqual(ids);

    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(args.join(' '));
    try {
      expect(await deliverMessages(h.handle.db, ids, h.clock.now, h.deps)).toMatchObject({ delivered: 1 });
    } finally {
      console.log = log;
    }
    expect(printed.join('\n')).toContain('Ada@Example.com: Reset your Inlet password');
    expect(printed.join('\n')).toContain('  https://inlet.example/app/reset?token=tokA');
    // Still listed once delivered (caught is delivered).
    expect(await listCaughtMail(h.handle.db, { to: 'ada@example.com' })).toHaveLength(1);

    // Over a real socket from 127.0.0.1, as the dashboard's page asks.
    const { app } = createNodeApp({ handle: h.handle, now: () => h.clock.now });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/_dev/mail`);
      expect(res.status).toBe(200);
      const { data } = (await res.json()) as { data: Record<string, unknown>[] };
      expect(data.map((m) => m.to)).toEqual(['bob@example.com', 'Ada@Example.com']);
      expect(data[1]).toEqual({
        id: ids[0],
        to: 'Ada@Example.com',
        subject: 'Reset your Inlet password',
        text: resetMail('Ada@Example.com', 'tokA').text,
        html: resetMail('Ada@Example.com', 'tokA').html,
        kind: 'reset_password',
        createdAt: '2026-12-02T09:00:00.000Z',
        links: ['https://inlet.example/app/reset?token=tokA'],
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
    // Through no socket (no client address): refused, problem+json.
    const res = await h.request('/_dev/mail');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
