/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing, on WebCrypto so it runs in workerd too.
 * A receiver verifies with any Standard Webhooks library: `new Webhook(secret).verify(body, headers)`.
 *
 * The signed content is `{webhook-id}.{webhook-timestamp}.{body}`, HMAC-SHA256 keyed with the bytes of
 * the secret (base64 after the `whsec_` prefix). While a rotated-out secret is still in its grace
 * period the header carries one signature per secret, space-separated, so receivers can switch keys
 * without dropping a message.
 */
import { fromBase64, hmacSha256, toBase64 } from './crypto';

export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(24)));
}

export function secretBytes(secret: string): Uint8Array {
  return fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
}

/**
 * The `webhook-signature` header value: `v1,<base64>` per secret.
 *
 * @example await signatureHeader(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export async function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  const content = `${messageId}.${timestampSeconds}.${body}`;
  const signatures = await Promise.all(
    secrets.map(async (s) => `v1,${toBase64(await hmacSha256(secretBytes(s), content))}`),
  );
  return signatures.join(' ');
}

/** The three headers of a signed delivery. `messageId` stays the same on every retry (receivers dedupe on it). */
export async function webhookHeaders(input: {
  messageId: string;
  sentAt: Date;
  body: string;
  secrets: readonly string[];
}): Promise<Record<string, string>> {
  const timestamp = Math.floor(input.sentAt.getTime() / 1000);
  return {
    'webhook-id': input.messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await signatureHeader(input.secrets, input.messageId, timestamp, input.body),
  };
}

/** The JSON body every webhook carries: the event type, when it happened, and its data. */
export function webhookBody(topic: string, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type: topic, timestamp: occurredAt.toISOString(), data });
}
