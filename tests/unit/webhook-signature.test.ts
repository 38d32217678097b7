import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  newWebhookSecret,
  secretBytes,
  signatureHeader,
  webhookBody,
  webhookHeaders,
} from '../../api/src/domain/webhook-signature';

describe('Standard Webhooks signing', () => {
  it('matches the test vector of the Standard Webhooks specification', async () => {
    const header = await signatureHeader(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(header).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets in the whsec_ format: base64 of 24 random bytes', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(secretBytes(a)).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('produces headers the standardwebhooks library verifies', async () => {
    const secret = newWebhookSecret();
    const body = webhookBody('lead.created', new Date('2026-11-25T10:00:00Z'), {
      leadId: 'lead_1',
      values: { name: 'Ada' },
    });
    const headers = await webhookHeaders({ messageId: 'msg_01', sentAt: new Date(), body, secrets: [secret] });
    expect(headers['webhook-id']).toBe('msg_01');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual({
      type: 'lead.created',
      timestamp: '2026-11-25T10:00:00.000Z',
      data: { leadId: 'lead_1', values: { name: 'Ada' } },
    });
  });

  it('is refused by the library when the body, the id or the secret differ', async () => {
    const secret = newWebhookSecret();
    const body = webhookBody('lead.created', new Date(), { leadId: 'lead_1' });
    const headers = await webhookHeaders({ messageId: 'msg_01', sentAt: new Date(), body, secrets: [secret] });
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace('lead_1', 'lead_2'), headers)).toThrow();
    expect(() => wh.verify(body, { ...headers, 'webhook-id': 'msg_02' })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs with both secrets during a rotation, so either one verifies', async () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const body = webhookBody('lead.assigned', new Date(), {});
    const headers = await webhookHeaders({
      messageId: 'msg_rot',
      sentAt: new Date(),
      body,
      secrets: [newSecret, oldSecret],
    });
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();
  });

  it('agrees with the library signature at any timestamp (retries sign at their own time)', async () => {
    const secret = newWebhookSecret();
    const body = webhookBody('lead.created', new Date(), { n: 1 });
    const sentAt = new Date('2030-01-01T00:00:00Z');
    const headers = await webhookHeaders({ messageId: 'msg_later', sentAt, body, secrets: [secret] });
    expect(headers['webhook-timestamp']).toBe(String(sentAt.getTime() / 1000));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_later', sentAt, body));
  });
});
