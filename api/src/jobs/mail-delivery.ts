/**
 * One email delivery: through the configured provider's HTTP API, or, with none configured (local
 * mode), caught: printed to the console. A caught mail stays listable from its outbox message (the
 * local mailbox, mail/index.ts `listCaughtMail`), so catching is the delivery.
 */
import { mailLinks, providerRequest } from '../domain/mail-provider';
import type { MailPayload } from '../mail';
import { guardedPost, type DeliveryOptions, type PostResult } from './guarded-post';

export type MailAttempt = { caught: true } | ({ caught: false } & PostResult);

export async function sendMail(payload: MailPayload, messageId: string, opts: DeliveryOptions): Promise<MailAttempt> {
  if (!opts.mail) {
    printCaught(payload);
    return { caught: true };
  }
  const request = providerRequest(opts.mail, payload, messageId);
  return { caught: false, ...(await guardedPost(request, opts, 'operator')) };
}

/** A payload as enqueueMail wrote it; anything else (a hand-edited row) is refused rather than half-sent. */
export function readMailPayload(payload: Record<string, unknown>): MailPayload | null {
  const { kind, to, subject, text, html } = payload;
  if (typeof kind !== 'string' || typeof to !== 'string' || typeof subject !== 'string' || typeof text !== 'string')
    return null;
  if (html !== null && typeof html !== 'string') return null;
  return { kind: kind as MailPayload['kind'], to, subject, text, html };
}

function printCaught(mail: MailPayload): void {
  const links = mailLinks(mail.text, mail.html);
  console.log(
    [`Mail caught (no INLET_MAIL_PROVIDER) to ${mail.to}: ${mail.subject}`, ...links.map((l) => `  ${l}`)].join('\n'),
  );
}
