/**
 * The email seam every sender uses (accounts: verification, reset, invitations; notifications:
 * assignments, SLA warnings and breaches). Callers queue mail in their own transaction and hand the
 * returned ids to `deliverAfterResponse`, exactly as for webhooks.
 *
 * An email is an outbox message (topic `mail.<kind>`, the rendered mail as its payload): it commits or
 * rolls back with the change that caused it, fans out into one delivery to its recipient, and is
 * retried with the webhooks' backoff (jobs/mail-delivery.ts sends it). With no provider configured the
 * delivery "catches" it instead: printed to the console, and listed from the database by
 * `listCaughtMail` (the local mailbox at `GET /_dev/mail`).
 */
import type { Database } from '../db/database';
import { listMailMessages } from '../db/queries/mail';
import { enqueue, type OutboxMessage } from '../db/queries/outbox';

export const MAIL_KINDS = [
  'verify_email',
  'reset_password',
  'invitation',
  'lead_assigned',
  'sla_warning',
  'sla_breached',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface MailInput {
  /** The workspace the mail is about; null for account mail that belongs to no workspace (a reset). */
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: MailKind;
}

export interface CaughtMail extends MailInput {
  id: string;
  createdAt: Date;
}

/** What an email's outbox message carries: the mail exactly as it is sent, on every attempt. */
export interface MailPayload {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Links in mail point here when no public URL is known (the local runner's default address). */
export const LOCAL_PUBLIC_URL = 'http://127.0.0.1:8787';

export const MAIL_TOPIC_PREFIX = 'mail.';
export const isMailTopic = (topic: string) => topic.startsWith(MAIL_TOPIC_PREFIX);

/** The outbox message of one email (also written directly by paths that insert all their messages at once). */
export function mailMessage(mail: MailInput): OutboxMessage {
  const payload: MailPayload = {
    kind: mail.kind,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
  };
  return { tenantId: mail.tenantId, topic: `${MAIL_TOPIC_PREFIX}${mail.kind}`, payload: { ...payload } };
}

/** Queues mail in the caller's transaction; answers outbox message ids for `deliverAfterResponse`. */
export async function enqueueMail(db: Database, mails: MailInput[], now: Date): Promise<string[]> {
  return enqueue(db, mails.map(mailMessage), now);
}

/**
 * The mail caught locally (no provider configured), newest first: the dev mailbox and tests read it.
 * That is every queued email no provider has accepted, so a mail shows here as soon as its
 * transaction commits, before its delivery has printed it.
 */
export async function listCaughtMail(db: Database, opts: { to?: string } = {}): Promise<CaughtMail[]> {
  const rows = await listMailMessages(db, { to: opts.to, notSentByProvider: true });
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    to: r.payload.to,
    subject: r.payload.subject,
    text: r.payload.text,
    ...(r.payload.html !== null ? { html: r.payload.html } : {}),
    kind: r.payload.kind,
    createdAt: r.createdAt,
  }));
}
