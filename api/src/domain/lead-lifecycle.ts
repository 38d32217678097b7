/**
 * What a recorded event does to a lead: the allowed transitions of its status. Pure, so the rules
 * are tested without a database; the verb applies the answer in one transaction.
 */
/** A lead's status: the domain's word for where it stands (the schema stores it as text with this enum). */
export const LEAD_STATUSES = ['open', 'waitlisted', 'won', 'lost', 'churned', 'spam'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_EVENT_TYPES = ['contacted', 'stage_changed', 'won', 'lost', 'churned'] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

export type Transition = { ok: true; status: LeadStatus; closes: boolean } | { ok: false; reason: string };

/**
 * @example transition('open', 'won') // { ok: true, status: 'won', closes: true }
 * @example transition('lost', 'churned') // { ok: false, reason: 'only a won lead can churn' }
 */
export function transition(status: LeadStatus, type: LeadEventType): Transition {
  if (status === 'spam') return { ok: false, reason: 'a spam lead takes no events' };
  switch (type) {
    case 'contacted':
    case 'stage_changed':
      return status === 'open' || status === 'waitlisted'
        ? { ok: true, status, closes: false }
        : { ok: false, reason: `the lead is ${status}` };
    case 'won':
    case 'lost':
      return status === 'open' || status === 'waitlisted'
        ? { ok: true, status: type, closes: true }
        : { ok: false, reason: `the lead is already ${status}` };
    case 'churned':
      return status === 'won'
        ? { ok: true, status: 'churned', closes: false }
        : { ok: false, reason: 'only a won lead can churn' };
  }
}
