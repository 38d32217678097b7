/**
 * Who is emailed about a lead, as outbox messages the caller writes in the same transaction as the
 * change itself (an assignment, an SLA warning or breach), so a rolled-back change sends nothing.
 * A rep is emailed unless their preference is `off`; a team's shared inbox when it has one and the
 * SLA policy escalates to the team.
 */
import type { OutboxMessage } from '../db/queries/outbox';
import type { RepRow } from '../db/queries/reps';
import type { TeamRow } from '../db/queries/teams';
import type { SlaEscalation } from '../db/schema/sla-policies';
import type { LeadFacts } from '../domain/lead-facts';
import { assignmentMail, slaMail, type MailLead } from '../domain/notification-mail';
import { LOCAL_PUBLIC_URL, mailMessage } from '../mail';

type Lead = Pick<MailLead, 'id' | 'values'>;

export function mailLead(lead: Lead, facts: LeadFacts | null): MailLead {
  const touch = facts?.firstTouch?.campaign ? facts.firstTouch : (facts?.lastTouch ?? facts?.firstTouch ?? null);
  return {
    id: lead.id,
    values: lead.values,
    email: facts?.email.address ?? null,
    campaign: touch?.campaign ?? null,
    source: touch ? (touch.source ?? touch.channel) : null,
  };
}

const wantsMail = (rep: RepRow | null): rep is RepRow => rep !== null && rep.emailNotifications === 'immediate';

/** The rep's "a lead was assigned to you" mail, unless they turned email off. */
export function assignmentMailMessages(
  tenantId: string,
  lead: Lead,
  facts: LeadFacts | null,
  rep: RepRow,
  team: TeamRow | null,
  rule: string,
  publicUrl = LOCAL_PUBLIC_URL,
): OutboxMessage[] {
  if (!wantsMail(rep)) return [];
  const mail = assignmentMail({
    publicUrl,
    lead: mailLead(lead, facts),
    repName: rep.name,
    teamName: team?.name ?? null,
    rule,
  });
  return [mailMessage({ tenantId, to: rep.email, kind: 'lead_assigned', ...mail })];
}

/**
 * A warning goes to the owner. A breach goes to the owner when the policy notifies the owner (or, with
 * no owner, to the team's inbox, as Slack falls back to the team's channel), and to the team's inbox
 * when it notifies the team; one mail per address.
 */
export function slaMailMessages(
  input: {
    tenantId: string;
    lead: Lead;
    facts: LeadFacts | null;
    event: 'warning' | 'breached';
    phase: string;
    dueAt: Date;
    owner: RepRow | null;
    team: TeamRow | null;
    escalation: SlaEscalation | null;
  },
  publicUrl = LOCAL_PUBLIC_URL,
): OutboxMessage[] {
  const { owner, team, escalation } = input;
  const notifyOwner = input.event === 'warning' || (escalation?.notifyOwner ?? true);
  const recipients: string[] = [];
  if (notifyOwner) {
    if (owner) {
      if (wantsMail(owner)) recipients.push(owner.email);
    } else if (team?.email) recipients.push(team.email);
  }
  if (input.event === 'breached' && escalation?.notifyTeam && team?.email) recipients.push(team.email);
  const unique = [...new Map(recipients.map((r) => [r.toLowerCase(), r])).values()];
  if (unique.length === 0) return [];
  const mail = slaMail({
    publicUrl,
    event: input.event,
    lead: mailLead(input.lead, input.facts),
    phase: input.phase,
    dueAt: input.dueAt,
    repName: owner?.name ?? null,
    teamName: team?.name ?? null,
  });
  const kind = input.event === 'warning' ? 'sla_warning' : 'sla_breached';
  return unique.map((to) => mailMessage({ tenantId: input.tenantId, to, kind, ...mail }));
}
