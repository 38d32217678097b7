import { and, asc, eq } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { leadEvents } from '../schema';

export interface NewLeadEvent {
  tenantId: string;
  leadId: string;
  type: string;
  data?: Record<string, unknown>;
  actor: string;
  occurredAt: Date;
}

export async function appendLeadEvents(tx: Database, events: NewLeadEvent[]) {
  if (events.length === 0) return;
  await tx.insert(leadEvents).values(events.map((e) => ({ id: newId('event', e.occurredAt), data: {}, ...e })));
}

export async function listLeadEvents(db: Database, tenantId: string, leadId: string) {
  return db
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.tenantId, tenantId), eq(leadEvents.leadId, leadId)))
    .orderBy(asc(leadEvents.id));
}
