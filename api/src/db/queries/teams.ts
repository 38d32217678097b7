import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { reps, teams } from '../schema';

export type TeamRow = typeof teams.$inferSelect;

export interface TeamInput {
  name: string;
  slackWebhookUrl?: string | null;
  email?: string | null;
}

export async function insertTeam(db: Database, tenantId: string, input: TeamInput, now: Date): Promise<TeamRow> {
  const [row] = await db
    .insert(teams)
    .values({
      id: newId('team', now),
      tenantId,
      name: input.name,
      slackWebhookUrl: input.slackWebhookUrl ?? null,
      email: input.email ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A team of this tenant, or null (another tenant's team is null too). */
export async function findTeam(db: Database, tenantId: string, teamId: string): Promise<TeamRow | null> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)))
    .limit(1);
  return row ?? null;
}

export async function listTeams(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), page.cursor ? lt(teams.id, page.cursor) : undefined))
    .orderBy(desc(teams.id))
    .limit(page.limit + 1);
}

export async function updateTeam(db: Database, tenantId: string, teamId: string, patch: Partial<TeamInput>, now: Date) {
  const [row] = await db
    .update(teams)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)))
    .returning();
  return row ?? null;
}

/**
 * Which of `teamIds` are this tenant's, locked for the rest of the transaction. Whoever points at a
 * team takes `key share`; deleting one takes `update` first, so the two cannot interleave and leave
 * a rep or a rule pointing at a deleted team.
 */
export async function lockTeams(
  db: Database,
  tenantId: string,
  teamIds: string[],
  mode: 'key share' | 'update',
): Promise<Set<string>> {
  if (teamIds.length === 0) return new Set();
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), inArray(teams.id, teamIds)))
    .for(mode);
  return new Set(rows.map((r) => r.id));
}

export async function countTeamReps(db: Database, tenantId: string, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.teamId, teamId)));
  return row!.n;
}

export async function deleteTeam(db: Database, tenantId: string, teamId: string): Promise<boolean> {
  const rows = await db
    .delete(teams)
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, teamId)))
    .returning({ id: teams.id });
  return rows.length > 0;
}
