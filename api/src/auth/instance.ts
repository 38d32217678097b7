/**
 * The better-auth instance for one database: email + password, email verification, password reset
 * by emailed link, and workspaces (its organization plugin over our `tenants`). Mail goes through
 * the outbox seam (mail/index.ts); ids keep our prefixed ULIDs; sign-up makes the person's workspace.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { organization } from 'better-auth/plugins/organization';
import type { Database } from '../db/database';
import { insertDefaultPipeline } from '../db/queries/pipeline-stages';
import { findMember, listMemberships } from '../db/queries/accounts';
import { accounts, invitations, members, sessions, tenants, users, verifications } from '../db/schema';
import { type IdKind, newId } from '../domain/ids';
import { enqueueMail } from '../mail/index';
import { createWorkspace } from '../verbs/workspaces';
import { invitationMail, resetPasswordMail, verifyEmailMail } from './mails';

export interface AccountsConfig {
  /** Signs session cookies (INLET_AUTH_SECRET). */
  secret: string;
  /** The dashboard's public origin (INLET_PUBLIC_URL): links in emails, the CSRF check. */
  publicUrl: string;
  /** Origins a cookie-authenticated write may come from; defaults to the public origin alone. */
  allowedOrigins?: string[];
}

export const AUTH_BASE_PATH = '/v1/auth';
/** better-auth's cookie prefix; the session cookie is `inlet.session_token`. */
export const COOKIE_PREFIX = 'inlet';
export const SESSION_COOKIE = `${COOKIE_PREFIX}.session_token`;

const MODEL_IDS: Record<string, IdKind> = {
  user: 'user',
  session: 'session',
  account: 'account',
  verification: 'verification',
  organization: 'tenant',
  member: 'member',
  invitation: 'invitation',
};

export const MAX_WORKSPACE_NAME = 200;

export function buildAuth(db: Database, config: AccountsConfig, now: () => Date) {
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  const origins = config.allowedOrigins ?? [new URL(publicUrl).origin];
  return betterAuth({
    appName: 'Inlet',
    baseURL: publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.secret,
    trustedOrigins: origins,
    telemetry: { enabled: false },
    logger: { level: 'error' },
    // Refusals (wrong password, a 403) are answers, not faults: log only what failed on our side.
    onAPIError: {
      onError: (e) => {
        if (!isAPIError(e) || e.status === 'INTERNAL_SERVER_ERROR') console.error('[better-auth]', e);
      },
    },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        organization: tenants,
        member: members,
        invitation: invitations,
      },
    }),
    // The wrapper (routes/auth.ts) limits per client and per account, with our clock and client address.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // One cookie name whatever the scheme; the wrapper adds `Secure` whenever the request is https.
      useSecureCookies: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      database: {
        generateId: ({ model }) => newId(MODEL_IDS[model] ?? 'verification', now()),
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request reads the session row, so a revoked session ends at once.
      cookieCache: { enabled: false },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      autoSignIn: true,
      // The dashboard shows a banner until the email is verified; invitations need it verified.
      requireEmailVerification: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, token }) => {
        const link = `${publicUrl}/app/reset-password?token=${encodeURIComponent(token)}`;
        await enqueueMail(db, [resetPasswordMail(user, link)], now());
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, token }) => {
        const callback = encodeURIComponent(`${publicUrl}/app/`);
        const link = `${publicUrl}${AUTH_BASE_PATH}/verify-email?token=${encodeURIComponent(token)}&callbackURL=${callback}`;
        await enqueueMail(db, [verifyEmailMail(user, link)], now());
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A new session acts in a workspace: the one its predecessor had (a password change
          // re-issues the session), else the person's first membership.
          before: async (session, ctx) => {
            if ((session as { activeOrganizationId?: string | null }).activeOrganizationId) return;
            const previous = (ctx?.context.session?.session as { activeOrganizationId?: string | null } | undefined)
              ?.activeOrganizationId;
            const first = previous ?? (await listMemberships(db, session.userId))[0]?.id;
            return first ? { data: { ...session, activeOrganizationId: first } } : undefined;
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-up/email') {
          const body = (ctx.body ?? {}) as { workspaceName?: unknown; invitationId?: unknown };
          // Someone signing up to accept an invitation joins that workspace instead of making one.
          const joining = typeof body.invitationId === 'string' && body.workspaceName === undefined;
          const name = body.workspaceName;
          if (!joining && (typeof name !== 'string' || !name.trim() || name.trim().length > MAX_WORKSPACE_NAME))
            throw new APIError('UNPROCESSABLE_ENTITY', {
              code: 'WORKSPACE_NAME_REQUIRED',
              message: `workspaceName: a workspace name of 1 to ${MAX_WORKSPACE_NAME} characters is required (or an invitationId to join one).`,
            });
        }
        // better-auth answers 403 to a switch into a workspace one is not in, but first clears the
        // session's active workspace; a refused request must change nothing, so refuse it here.
        if (ctx.path === '/organization/set-active') {
          const target = (ctx.body as { organizationId?: unknown } | undefined)?.organizationId;
          const session = typeof target === 'string' ? await getSessionFromCtx(ctx) : null;
          if (session && !(await findMember(db, target as string, session.user.id)))
            throw new APIError('FORBIDDEN', {
              code: 'USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION',
              message: 'You are not a member of that workspace.',
            });
        }
        // Changing the password ends every other session, whatever the client asked.
        if (ctx.path === '/change-password')
          return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } };
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-up/email') return;
        const created = ctx.context.newSession;
        if (!created) return;
        const requested = (ctx.body as { workspaceName?: unknown }).workspaceName;
        if (typeof requested !== 'string') return; // joining by invitation: accept-invitation follows
        const name = requested.trim();
        await createWorkspace(db, { name, ownerUserId: created.user.id, sessionId: created.session.id }, now());
      }),
    },
    plugins: [
      organization({
        creatorRole: 'owner',
        invitationExpiresIn: 60 * 60 * 24 * 7,
        cancelPendingInvitationsOnReInvite: true,
        requireEmailVerificationOnInvitation: false,
        organizationHooks: {
          afterCreateOrganization: async ({ organization: org }) => {
            await insertDefaultPipeline(db, org.id, now());
          },
          beforeCreateInvitation: async ({ inviter }) => {
            if (!inviter.emailVerified)
              throw new APIError('FORBIDDEN', {
                code: 'EMAIL_NOT_VERIFIED',
                message: 'Verify your email address before inviting teammates.',
              });
          },
        },
        sendInvitationEmail: async ({ id, email, role, organization: org, inviter }) => {
          const link = `${publicUrl}/app/invitations/${encodeURIComponent(id)}`;
          await enqueueMail(
            db,
            [invitationMail({ to: email, role, workspace: org, inviter: inviter.user, link })],
            now(),
          );
        },
      }),
    ],
  });
}

export type InletAuth = ReturnType<typeof buildAuth>;

// One instance per database handle in Node (the handle lives as long as the server); in workerd
// each request has its own connection, hence its own (cheap to build) instance.
const cache = new WeakMap<Database, InletAuth>();

export function authFor(db: Database, config: AccountsConfig, now: () => Date): InletAuth {
  let auth = cache.get(db);
  if (!auth) {
    auth = buildAuth(db, config, now);
    cache.set(db, auth);
  }
  return auth;
}
