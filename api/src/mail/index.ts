/**
 * The email seam every sender uses (accounts: verification, reset, invitations; notifications:
 * assignments, SLA warnings and breaches). Callers queue mail in their own transaction and hand the
 * returned ids to `deliverAfterResponse`, exactly as for webhooks.
 *
 * This first version only catches mail in memory (enough for the accounts work to be built against);
 * the email channel replaces the body of these two functions with the outbox, a provider and the
 * local mailbox, keeping their signatures.
 */
import type { Database } from '../db/database';

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

const caught: CaughtMail[] = [];

/** Queues mail in the caller's transaction; answers outbox message ids for `deliverAfterResponse`. */
export async function enqueueMail(_db: Database, mails: MailInput[], now: Date): Promise<string[]> {
  for (const m of mails) caught.push({ ...m, id: `mail_${caught.length + 1}`, createdAt: now });
  return [];
}

/** The mail caught locally (no provider configured), newest first: the dev mailbox and tests read it. */
export async function listCaughtMail(_db: Database, opts: { to?: string } = {}): Promise<CaughtMail[]> {
  return caught.filter((m) => !opts.to || m.to.toLowerCase() === opts.to.toLowerCase()).reverse();
}
