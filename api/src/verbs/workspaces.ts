/**
 * A workspace is a tenant with members. Made here (not through better-auth's create-organization)
 * when it comes with a person: sign-up, and `npm run admin -- create-tenant --owner-email`.
 */
import type { Database } from '../db/database';
import { createApiKey } from '../db/queries/api-keys';
import { insertDefaultPipeline } from '../db/queries/pipeline-stages';
import { tenantSlug } from '../db/queries/tenants';
import { members, sessions, tenants } from '../db/schema';
import type { Role } from '../domain/access';
import { newId } from '../domain/ids';
import { eq } from 'drizzle-orm';

export interface NewWorkspace {
  name: string;
  ownerUserId: string;
  /** Makes the new workspace the active one of this session (sign-up). */
  sessionId?: string;
  /** Also mints a first secret key (admin create-tenant answers one). */
  withSecretKey?: boolean;
}

export async function createWorkspace(db: Database, input: NewWorkspace, now: Date) {
  return db.transaction(async (tx) => {
    const tenantId = newId('tenant', now);
    await tx.insert(tenants).values({ id: tenantId, name: input.name, slug: tenantSlug(tenantId), createdAt: now });
    await insertDefaultPipeline(tx, tenantId, now);
    await addMember(tx, tenantId, input.ownerUserId, 'owner', now);
    if (input.sessionId)
      await tx
        .update(sessions)
        .set({ activeOrganizationId: tenantId, updatedAt: now })
        .where(eq(sessions.id, input.sessionId));
    const secretKey = input.withSecretKey
      ? (await createApiKey(tx, tenantId, 'Default secret key', 'secret', now)).secret
      : undefined;
    return { tenantId, secretKey };
  });
}

export async function addMember(db: Database, tenantId: string, userId: string, role: Role, now: Date) {
  await db
    .insert(members)
    .values({ id: newId('member', now), organizationId: tenantId, userId, role, createdAt: now })
    .onConflictDoUpdate({ target: [members.organizationId, members.userId], set: { role } });
}
