/**
 * Outbox messages as Slack incoming-webhook messages: `{ text, blocks }`, one readable line per event
 * plus the details as fields. `text` is the notification fallback; `blocks` is what the channel shows.
 *
 * What a visitor typed (a lead's name, email, company, …) only ever goes into `plain_text` objects,
 * which Slack shows as typed: in `mrkdwn` a lead named `Verify at https://evil.example` would arrive
 * as a link, and `*bold*` or `<!channel>` would format or ping. The headline and the fallback `text`
 * say what happened in our own words; the names customers gave their teams, reps, rules and policies
 * may appear there, escaped (`escapeMrkdwn`), beside our formatting (`*…*`, `<!date^…>` tags).
 */

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: false;
}
export type TextObject = MrkdwnText | PlainText;
export type SlackBlock =
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: MrkdwnText[] };
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** The three characters Slack's mrkdwn treats as control sequences (per Slack's "Escaping text" docs). */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type Payload = Record<string, unknown>;
/** A detail: ours (mrkdwn, escaped customer names and date tags) or the visitor's (plain text). */
type Field = [label: string, value: string | null, from?: 'visitor'];
interface Draft {
  headline: string;
  fields: Field[];
}

export function slackMessage(topic: string, payload: Payload): SlackMessage {
  const draft = (DRAFTS[topic] ?? genericDraft(topic))(payload);
  const fields = draft.fields.filter((f): f is [string, string, 'visitor'?] => !!f[1]).slice(0, 10);
  const refs = [ref('Lead', payload.leadId), ref('Form', payload.formId)].filter(Boolean).join(' · ');
  const blocks: SlackBlock[] = [{ type: 'section', text: mrkdwn(draft.headline) }];
  const lead = leadName(payload);
  if (lead) blocks.push({ type: 'section', text: plain(lead) });
  if (fields.length) {
    blocks.push({
      type: 'section',
      fields: fields.map(([label, value, from]) =>
        from === 'visitor' ? plain(`${label}: ${value}`) : mrkdwn(`*${label}*\n${value}`),
      ),
    });
  }
  if (refs) blocks.push({ type: 'context', elements: [mrkdwn(refs)] });
  return { text: draft.headline, blocks };
}

const DRAFTS: Record<string, (p: Payload) => Draft> = {
  'lead.assigned': (p) => {
    const rep = user(p.repName) ?? user(p.repEmail);
    const team = user(p.teamName);
    const who = rep ? `*${rep}*${team ? ` (${team})` : ''}` : team ? `the *${team}* team` : 'the team';
    return {
      headline: `:inbox_tray: New lead for ${who}`,
      fields: [...contactFields(p), ['Rule', ruleName(p.rule)], ['Respond by', date(p.dueAt)]],
    };
  },
  'lead.unassigned': (p) => {
    const team = user(p.teamName);
    return {
      headline: `:warning: A lead is waiting: nobody ${team ? `in *${team}* ` : ''}is available to take it`,
      fields: [...contactFields(p), ['Reason', user(p.reason)]],
    };
  },
  'lead.sla_warning': (p) => ({
    headline: `:hourglass_flowing_sand: A lead needs a first response${p.dueAt ? ` by ${date(p.dueAt)}` : ' soon'}`,
    fields: [['Owner', user(p.repName) ?? user(p.repEmail)], ['Team', user(p.teamName)], ...contactFields(p)],
  }),
  'lead.sla_breached': (p) => ({
    headline: `:rotating_light: The first response to a lead is overdue${p.dueAt ? ` (was due ${date(p.dueAt)})` : ''}`,
    fields: [
      ['Owner', user(p.repName) ?? user(p.repEmail)],
      ['Team', user(p.teamName)],
      ['Escalated to', user(p.escalatedTo)],
      ...contactFields(p),
    ],
  }),
  'lead.stalled': (p) => ({
    headline: `:turtle: A lead has been in *${user(p.stageName) ?? user(p.stage) ?? 'its stage'}* for over ${num(p.stallDays) ?? '?'} days`,
    fields: [
      ['Owner', user(p.repName) ?? user(p.repEmail)],
      ['In stage since', date(p.enteredAt)],
      ...contactFields(p),
    ],
  }),
  'capacity.threshold': (p) => {
    const used = num(p.used);
    const limit = num(p.limit);
    const share = used !== null && limit ? ` (${Math.round((100 * used) / limit)}%)` : '';
    return {
      headline: `:bar_chart: *${capacityName(p)}* is at ${used ?? '?'} of ${limit ?? '?'}${share}`,
      fields: [['Resets', date(p.resetsAt)]],
    };
  },
  'capacity.closed': (p) => ({
    headline: `:no_entry: *${capacityName(p)}* is full: ${formsAre(p)} ${FULL_STATE[String(p.state)] ?? 'closed'}${p.reopensAt ? ` until ${date(p.reopensAt)}` : ''}`,
    fields: [],
  }),
  'capacity.reopened': (p) => ({
    headline: `:white_check_mark: *${capacityName(p)}* has room again: ${formsAre(p)} open`,
    fields: [],
  }),
};

function genericDraft(topic: string) {
  return (p: Payload): Draft => ({
    headline: `:bell: ${escapeMrkdwn(topic)}`,
    fields: isRecord(p.values) ? contactFields(p) : [],
  });
}

const MAX_VALUE = 200;
const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text });
const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: false });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A value a customer typed (a team, rep or rule name), escaped for mrkdwn and cut; null when absent. */
function user(v: unknown): string | null {
  const s = typed(v);
  return s === null ? null : escapeMrkdwn(s);
}

/** What a visitor typed, as it is (it only goes into plain text), tidied and cut; null when absent. */
function typed(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  const s = String(v).replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function values(p: Payload): Record<string, unknown> {
  return isRecord(p.values) ? p.values : {};
}

/** The lead's name as the visitor typed it (plain text), or null when the payload has no values. */
function leadName(p: Payload): string | null {
  if (!isRecord(p.values)) return null;
  const v = values(p);
  const full = [v.first_name ?? v.firstName, v.last_name ?? v.lastName]
    .filter((x) => typeof x === 'string' && x.trim())
    .join(' ');
  return typed(v.name) ?? typed(v.full_name) ?? typed(full) ?? typed(v.email) ?? null;
}

function contactFields(p: Payload): Field[] {
  const v = values(p);
  return [
    ['Email', typed(v.email), 'visitor'],
    ['Phone', typed(v.phone), 'visitor'],
    ['Company', typed(v.company), 'visitor'],
  ];
}

function ruleName(rule: unknown): string | null {
  return isRecord(rule) ? user(rule.name) : user(rule);
}

const FULL_STATE: Record<string, string> = { waitlist: 'waitlisting', closed: 'closed', redirect: 'redirecting' };

/** A policy gates one form or several (a team's). */
const formsAre = (p: Payload) =>
  Array.isArray(p.formIds) && p.formIds.length > 1 ? `its ${p.formIds.length} forms are` : 'the form is';

function capacityName(p: Payload): string {
  return user(p.policyName) ?? user(p.formName) ?? 'Capacity';
}

function ref(label: string, id: unknown): string | null {
  return typeof id === 'string' && /^[a-z]+_[0-9A-Z]+$/.test(id) ? `${label} \`${id}\`` : null;
}

/** Slack shows `<!date^…>` in each reader's own time zone; the text after `|` is the fallback. */
function date(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return user(v);
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${iso}>`;
}
