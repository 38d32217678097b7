import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BusinessCalendar } from '../../domain/business-hours';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { reps, type OutOfOffice } from '../schema';

export type RepRow = typeof reps.$inferSelect;

export interface RepInput {
  teamId: string;
  name: string;
  email: string;
  position?: number;
  weight: number;
  active: boolean;
  workingHours: BusinessCalendar | null;
  outOfOffice: OutOfOffice[];
  maxOpenLeads: number | null;
  slackWebhookUrl: string | null;
}

export async function insertRep(db: Database, tenantId: string, input: RepInput, now: Date): Promise<RepRow> {
  // Without a position the rep joins the end of the team's rotation.
  const lastPlusOne = sql<number>`(select coalesce(max(${reps.position}) + 1, 0) from ${reps} where ${reps.tenantId} = ${tenantId} and ${reps.teamId} = ${input.teamId})`;
  const [row] = await db
    .insert(reps)
    .values({
      ...input,
      id: newId('rep', now),
      tenantId,
      position: input.position ?? lastPlusOne,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A rep of this tenant, or null (another tenant's rep is null too). */
export async function findRep(db: Database, tenantId: string, repId: string, lock?: 'update'): Promise<RepRow | null> {
  const query = db
    .select()
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)))
    .limit(1);
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

export interface RepFilters {
  teamId?: string;
  active?: boolean;
}

export async function listReps(
  db: Database,
  tenantId: string,
  filters: RepFilters,
  page: { limit: number; cursor?: string },
) {
  return db
    .select()
    .from(reps)
    .where(
      and(
        eq(reps.tenantId, tenantId),
        filters.teamId ? eq(reps.teamId, filters.teamId) : undefined,
        filters.active !== undefined ? eq(reps.active, filters.active) : undefined,
        page.cursor ? lt(reps.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(reps.id))
    .limit(page.limit + 1);
}

export async function updateRep(db: Database, tenantId: string, repId: string, patch: Partial<RepInput>, now: Date) {
  const [row] = await db
    .update(reps)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)))
    .returning();
  return row ?? null;
}

/** The team of each of `repIds` that is this tenant's, locked against deletion and team moves until commit. */
export async function lockRepTeams(db: Database, tenantId: string, repIds: string[]): Promise<Map<string, string>> {
  if (repIds.length === 0) return new Map();
  const rows = await db
    .select({ id: reps.id, teamId: reps.teamId })
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), inArray(reps.id, repIds)))
    .for('key share');
  return new Map(rows.map((r) => [r.id, r.teamId]));
}

export async function deleteRep(db: Database, tenantId: string, repId: string): Promise<boolean> {
  const rows = await db
    .delete(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)))
    .returning({ id: reps.id });
  return rows.length > 0;
}

/** The reps with this email (any case): who "mine" is for a signed-in person. */
export async function repIdsByEmail(db: Database, tenantId: string, email: string): Promise<string[]> {
  const rows = await db
    .select({ id: reps.id })
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), sql`lower(${reps.email}) = ${email.trim().toLowerCase()}`));
  return rows.map((r) => r.id);
}
