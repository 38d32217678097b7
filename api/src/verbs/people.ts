/**
 * People made outside sign-up: the demo workspace's owner (`npm start`) and owners given to a tenant
 * by `npm run admin`. Passwords are hashed exactly as better-auth hashes them (scrypt), so these
 * people sign in through /v1/auth like anyone else.
 */
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { findUserByEmail } from '../db/queries/accounts';
import { getTenant } from '../db/queries/tenants';
import { accounts, users } from '../db/schema';
import { randomToken } from '../domain/crypto';
import { newId } from '../domain/ids';
import { ApiError } from '../errors';
import { addMember } from './workspaces';

/** A password to show once: 24 random bytes, URL-safe. */
export const oneTimePassword = () => randomToken(18);

const credentialOf = async (db: Database, userId: string) =>
  (
    await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
      .limit(1)
  )[0] ?? null;

/** The person with this email, made (verified) with `password` if new; their password set to it if not. */
export async function upsertPerson(
  db: Database,
  input: { email: string; name: string; password: string },
  now: Date,
): Promise<{ userId: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const hash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, email);
  return db.transaction(async (tx) => {
    const userId = existing?.id ?? newId('user', now);
    if (!existing)
      await tx
        .insert(users)
        .values({ id: userId, name: input.name, email, emailVerified: true, createdAt: now, updatedAt: now });
    const account = await credentialOf(tx, userId);
    if (account) await tx.update(accounts).set({ password: hash, updatedAt: now }).where(eq(accounts.id, account.id));
    else
      await tx.insert(accounts).values({
        id: newId('account', now),
        accountId: userId,
        providerId: 'credential',
        userId,
        password: hash,
        createdAt: now,
        updatedAt: now,
      });
    return { userId, created: !existing };
  });
}

/** Whether this email signs in with this password (the demo login is kept only while it does). */
export async function passwordWorks(db: Database, email: string, password: string): Promise<boolean> {
  const user = await findUserByEmail(db, email);
  const account = user && (await credentialOf(db, user.id));
  return !!account?.password && (await verifyPassword({ hash: account.password, password }));
}

/**
 * Makes `email` an owner of the tenant. A new person gets a one-time password (answered once); a
 * person who already has an account keeps their password and `ownerPassword` is null.
 */
export async function addOwner(db: Database, input: { tenantId: string; email: string }, now: Date) {
  if (!(await getTenant(db, input.tenantId))) throw new ApiError('not_found', `No tenant ${input.tenantId}.`);
  const email = input.email.trim().toLowerCase();
  let user = await findUserByEmail(db, email);
  let ownerPassword: string | null = null;
  if (!user) {
    ownerPassword = oneTimePassword();
    await upsertPerson(db, { email, name: email.split('@')[0]!, password: ownerPassword }, now);
    user = (await findUserByEmail(db, email))!;
  }
  await addMember(db, input.tenantId, user.id, 'owner', now);
  return { tenantId: input.tenantId, userId: user.id, email, ownerPassword };
}
