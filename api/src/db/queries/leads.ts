import { and, asc, desc, eq, gte, lt, ne, type SQL } from 'drizzle-orm';
import type { Database } from '../database';
import { leads, touchpoints, type LeadStatus } from '../schema';

export type LeadRow = typeof leads.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;

export interface LeadFilters {
  formId?: string;
  channel?: string;
  lastChannel?: string;
  status?: LeadStatus;
  ownerRepId?: string;
  teamId?: string;
  from?: Date;
  to?: Date;
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
    f.ownerRepId ? eq(leads.ownerRepId, f.ownerRepId) : undefined,
    f.teamId ? eq(leads.teamId, f.teamId) : undefined,
    f.from ? gte(leads.createdAt, f.from) : undefined,
    f.to ? lt(leads.createdAt, f.to) : undefined,
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
