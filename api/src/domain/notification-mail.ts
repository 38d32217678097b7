/**
 * The notification emails: a lead assigned to a rep, an SLA warning and a breach. Pure: the caller
 * passes what the mail says and where its link points. Each has a plain-text and an HTML part;
 * everything a visitor or a customer typed (lead values, campaign names, rep and team names) is
 * escaped in the HTML and kept to one line in the subject.
 */
import type { FieldValue } from './lead-facts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailLead {
  id: string;
  values: Record<string, FieldValue>;
  /** The lead's email address (the first email-typed value). */
  email: string | null;
  /** Where the lead came from: the first touch's campaign and source, else the last one's. */
  campaign: string | null;
  source: string | null;
}

export interface AssignmentMailInput {
  publicUrl: string;
  lead: MailLead;
  repName: string;
  teamName: string | null;
  /** The routing rule's name, `manual` for a person's reassignment. */
  rule: string;
}

export interface SlaMailInput {
  publicUrl: string;
  event: 'warning' | 'breached';
  lead: MailLead;
  /** first_response or follow_up. */
  phase: string;
  dueAt: Date;
  repName: string | null;
  teamName: string | null;
}

const SUBJECT_PART_MAX = 80;

/** `&`, `<`, `>`, `"` and `'` as entities: safe in element content and in quoted attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line, bounded: typed text in a subject can add no header line and no screenful. */
export function subjectPart(s: string): string {
  const line = s.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  return line.length > SUBJECT_PART_MAX ? `${line.slice(0, SUBJECT_PART_MAX - 1)}…` : line;
}

const text = (v: FieldValue | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** What to call a lead: its name fields, else its email, else its id. */
export function leadDisplayName(lead: Pick<MailLead, 'id' | 'values' | 'email'>): string {
  const v = lead.values;
  const full = text(v.name) ?? text(v.full_name) ?? text(v.fullName);
  const parts = [text(v.first_name) ?? text(v.firstName), text(v.last_name) ?? text(v.lastName)].filter(Boolean);
  return full ?? (parts.length > 0 ? parts.join(' ') : null) ?? lead.email ?? `Lead ${lead.id}`;
}

export const leadUrl = (publicUrl: string, leadId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/app/leads/${encodeURIComponent(leadId)}`;

/** Label and value rows about the lead, the same in both parts. */
function leadRows(lead: MailLead, extra: [string, string | null][]): [string, string][] {
  const company = text(lead.values.company) ?? text(lead.values.company_name);
  const rows: [string, string | null][] = [
    ['Lead', leadDisplayName(lead)],
    ['Email', lead.email],
    ['Company', company],
    ['Campaign', lead.campaign],
    ['Source', lead.source],
    ...extra,
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '');
}

function render(input: { subject: string; intro: string; rows: [string, string][]; link: string; action: string }) {
  const width = Math.max(...input.rows.map(([k]) => k.length));
  const text = [
    input.intro,
    '',
    ...input.rows.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v.replace(/\s+/g, ' ')}`),
    '',
    `${input.action}: ${input.link}`,
    '',
    '— Inlet (change your email notifications in the dashboard under Team)',
  ].join('\n');
  const cells = input.rows
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;color:#555">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">',
    `<p>${escapeHtml(input.intro)}</p>`,
    `<table>${cells}</table>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.action)}</a></p>`,
    '<p style="color:#777;font-size:12px">Inlet: change your email notifications in the dashboard under Team.</p>',
    '</body></html>',
  ].join('');
  return { subject: input.subject, text, html };
}

export function assignmentMail(input: AssignmentMailInput): RenderedMail {
  const name = leadDisplayName(input.lead);
  const from = input.lead.campaign ? ` from ${subjectPart(input.lead.campaign)}` : '';
  return render({
    subject: `New lead for you: ${subjectPart(name)}${from}`,
    intro: `${input.repName}, a lead was assigned to you${input.rule === 'manual' ? ' by a teammate' : ''}.`,
    rows: leadRows(input.lead, [
      ['Team', input.teamName],
      ['Routed by', input.rule === 'manual' ? 'manual assignment' : input.rule],
    ]),
    link: leadUrl(input.publicUrl, input.lead.id),
    action: 'Open the lead',
  });
}

export function slaMail(input: SlaMailInput): RenderedMail {
  const name = subjectPart(leadDisplayName(input.lead));
  const what = input.phase === 'follow_up' ? 'follow-up' : 'first response';
  const due = input.dueAt.toISOString().replace('T', ' ').slice(0, 16);
  const warning = input.event === 'warning';
  return render({
    subject: warning ? `SLA warning: ${name} is waiting for a ${what}` : `SLA breached: ${name} got no ${what} in time`,
    intro: warning
      ? `The ${what} to this lead is due at ${due} UTC and has not happened yet.`
      : `The ${what} to this lead was due at ${due} UTC and did not happen in time.`,
    rows: leadRows(input.lead, [
      ['Owner', input.repName ?? 'nobody (unassigned)'],
      ['Team', input.teamName],
      ['Due', `${due} UTC`],
    ]),
    link: leadUrl(input.publicUrl, input.lead.id),
    action: 'Answer the lead',
  });
}
