/**
 * The routing facts of a lead that is already stored (promotion from the waitlist, escalation).
 * The email facts come from the address stored with the lead, not from the form's fields as they
 * are now: the form may since have been edited or archived.
 */
import type { leads } from '../db/schema';
import { deriveFacts, emailFacts } from '../domain/derive-facts';
import type { LeadFacts } from '../domain/lead-facts';

export function storedLeadFacts(lead: typeof leads.$inferSelect): LeadFacts {
  const facts = deriveFacts({
    formId: lead.formId,
    values: lead.values,
    fields: [],
    firstTouch: lead.firstTouch ? { ...lead.firstTouch } : null,
    lastTouch: lead.lastTouch ? { ...lead.lastTouch } : null,
    teamId: lead.teamId,
  });
  return lead.email ? { ...facts, email: emailFacts(lead.email) } : facts;
}
