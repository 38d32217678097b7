/** Reads and writes on people, sessions and memberships that better-auth does not do for us. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Role } from '../../domain/access';
import type { Database } from '../database';
import { members, sessions, tenants, users } from '../schema';

/**
 * The one query behind a cookie-authenticated request: the session by its (unique, indexed) token,
 * its person, and the member row of its active workspace (null when it has none, or no longer
 * belongs to it).
 */
export async function findSessionByToken(db: Database, token: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      email: users.email,
      emailVerified: users.emailVerified,
      tenantId: members.organizationId,
      role: members.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      members,
      and(eq(members.organizationId, sessions.activeOrganizationId), eq(members.userId, sessions.userId)),
    )
    .where(and(eq(sessions.token, token), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ? { ...row, role: row.role as Role | null } : null;
}

/** The workspaces a person belongs to, oldest membership first. */
export function listMemberships(db: Database, userId: string) {
  return db
    .select({ id: tenants.id, name: tenants.name, role: members.role })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt), asc(members.id)) as Promise<{ id: string; name: string; role: Role }[]>;
}

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function findUser(db: Database, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

export async function setActiveWorkspace(db: Database, sessionId: string, tenantId: string, now: Date) {
  await db.update(sessions).set({ activeOrganizationId: tenantId, updatedAt: now }).where(eq(sessions.id, sessionId));
}

export async function findMember(db: Database, tenantId: string, userId: string) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)))
    .limit(1);
  return row ?? null;
}
