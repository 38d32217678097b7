import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { SlaFilter } from '../../domain/sla-state';
import type { Database } from '../database';
import { leads, touchpoints, type LeadStatus } from '../schema';
import { fromCampaign, inSlaState, matchesNameOrEmail } from './lead-filters';

export type LeadRow = typeof leads.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;

export interface LeadFilters {
  formId?: string;
  channel?: string;
  lastChannel?: string;
  status?: LeadStatus;
  /** Owned by one of these reps (`mine` resolves to the reps with the person's email; none: no lead). */
  ownerRepIds?: string[];
  teamId?: string;
  from?: Date;
  to?: Date;
  q?: string;
  campaign?: string;
  /** SLA state at an instant (domain/sla-state.ts). */
  sla?: { state: SlaFilter; now: Date };
}

export async function listLeads(
  db: Database,
  tenantId: string,
  f: LeadFilters,
  page: { limit: number; cursor?: string },
) {
  const where: (SQL | undefined)[] = [
    eq(leads.tenantId, tenantId),
    f.formId ? eq(leads.formId, f.formId) : undefined,
    f.channel ? eq(leads.firstChannel, f.channel) : undefined,
    f.lastChannel ? eq(leads.lastChannel, f.lastChannel) : undefined,
    // Spam stays out of lists unless asked for by name.
    f.status ? eq(leads.status, f.status) : ne(leads.status, 'spam'),
    f.ownerRepIds ? (f.ownerRepIds.length > 0 ? inArray(leads.ownerRepId, f.ownerRepIds) : sql`false`) : undefined,
    f.teamId ? eq(leads.teamId, f.teamId) : undefined,
    f.from ? gte(leads.createdAt, f.from) : undefined,
    f.to ? lt(leads.createdAt, f.to) : undefined,
    f.q ? matchesNameOrEmail(f.q) : undefined,
    f.campaign ? fromCampaign(tenantId, f.campaign) : undefined,
    f.sla ? inSlaState(f.sla.state, f.sla.now) : undefined,
    page.cursor ? lt(leads.id, page.cursor) : undefined,
  ];
  return db
    .select()
    .from(leads)
    .where(and(...where))
    .orderBy(desc(leads.id))
    .limit(page.limit + 1);
}

export async function findLead(db: Database, tenantId: string, leadId: string): Promise<LeadRow | null> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .limit(1);
  return row ?? null;
}

export async function listLeadTouchpoints(db: Database, tenantId: string, leadId: string) {
  return db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.tenantId, tenantId), eq(touchpoints.leadId, leadId)))
    .orderBy(asc(touchpoints.position));
}
