/**
 * The email provider, spoken over HTTP (SMTP needs TCP sockets, which workerd does not give us, and
 * the Workers build sends mail too). Today Resend: `POST {apiUrl}/emails` with a Bearer key and
 * `{ from, to, subject, html, text }`. Pure: builds the request; jobs/mail-delivery.ts sends it.
 */

export const MAIL_PROVIDERS = ['resend'] as const;
export type MailProviderName = (typeof MAIL_PROVIDERS)[number];

export const RESEND_API_URL = 'https://api.resend.com';

/** From INLET_MAIL_PROVIDER, INLET_MAIL_API_KEY, INLET_MAIL_FROM and INLET_MAIL_API_URL. */
export interface MailProviderConfig {
  provider: MailProviderName;
  apiKey: string;
  /** The sender, `Inlet <notifications@example.com>` or a bare address, on a domain the provider verified. */
  from: string;
  /** The API's base URL (tests point it at a local server speaking the same protocol). */
  apiUrl: string;
}

export interface ProviderMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One send. The idempotency key is the outbox message's id, the same on every attempt: a retry after
 * an answer that got lost (a timeout) is recognised by the provider, which answers as before without
 * sending again (Resend remembers keys for 24 hours).
 */
export function providerRequest(config: MailProviderConfig, mail: ProviderMail, messageId: string): ProviderRequest {
  const body = {
    from: config.from,
    to: [mail.to],
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== null ? { html: mail.html } : {}),
  };
  return {
    url: `${config.apiUrl.replace(/\/+$/, '')}/emails`,
    headers: {
      authorization: `Bearer ${config.apiKey}`,
      'idempotency-key': `inlet-mail/${messageId}`,
      'user-agent': 'Inlet-Mail/1.0',
    },
    body: JSON.stringify(body),
  };
}

/** Absolute http(s) links in a mail, each once, in order of appearance (the local mailbox shows them). */
export function mailLinks(text: string, html: string | null = null): string[] {
  const found = new Set<string>();
  const fromText = text.match(/https?:\/\/[^\s<>"']+/g) ?? [];
  const fromHtml = [...(html ?? '').matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => unescapeAttribute(m[1]!));
  for (const raw of [...fromText, ...fromHtml]) found.add(raw.replace(/[.,;:!?)\]]+$/, ''));
  return [...found];
}

const unescapeAttribute = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
