/** The routing facts of a lead that is already stored (promotion from the waitlist, escalation). */
import type { Database } from '../db/database';
import { findForm } from '../db/queries/forms';
import type { leads } from '../db/schema';
import { deriveFacts } from '../domain/derive-facts';
import type { LeadFacts } from '../domain/lead-facts';

export async function storedLeadFacts(tx: Database, lead: typeof leads.$inferSelect): Promise<LeadFacts> {
  const form = await findForm(tx, lead.tenantId, lead.formId);
  return deriveFacts({
    formId: lead.formId,
    values: lead.values,
    fields: form?.fields ?? [],
    firstTouch: lead.firstTouch ? { ...lead.firstTouch } : null,
    lastTouch: lead.lastTouch ? { ...lead.lastTouch } : null,
    teamId: lead.teamId,
  });
}
