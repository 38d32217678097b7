/**
 * The /v1/auth routes the dashboard uses, described in /openapi.json. better-auth answers them
 * (routes/auth.ts hands the request over), so they are registered by hand, not from route schemas.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { json, problemResponses } from '../contracts/common';
import type { AppEnv } from '../context';
import { ROLES } from '../domain/access';
import { AUTH_BASE_PATH, SESSION_COOKIE } from './instance';

const Email = z.string().email().max(320);
const Password = z.string().min(10).max(128);
const Role = z.enum(ROLES);
const Anything = z.record(z.string(), z.unknown());

const User = z
  .object({ id: z.string(), name: z.string(), email: z.string(), emailVerified: z.boolean() })
  .passthrough()
  .openapi('AuthUser');
const SignedIn = z.object({ token: z.string().nullable(), user: User }).passthrough().openapi('SignedIn');
const Status = z.object({ status: z.boolean() }).openapi('AuthStatus');

interface AuthOperation {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  answer?: z.ZodType;
  /** When it answers with a redirect instead (302), and where to. */
  redirect?: string;
  /** Needs a session cookie (the others start one or need none). */
  session?: boolean;
  errors?: number[];
}

const OPERATIONS: AuthOperation[] = [
  {
    method: 'post',
    path: '/sign-up/email',
    operationId: 'signUp',
    summary: 'Create an account and its workspace (the person owns it); signs in with it active',
    body: z.object({
      name: z.string().min(1).max(200),
      email: Email,
      password: Password,
      workspaceName: z.string().min(1).max(200),
    }),
    answer: SignedIn,
    errors: [403, 409, 422, 429],
  },
  {
    method: 'post',
    path: '/sign-in/email',
    operationId: 'signIn',
    summary:
      'Sign in (sets the session cookie); 10 failed attempts per account in 15 minutes lock it for the rest of them',
    body: z.object({ email: Email, password: z.string(), rememberMe: z.boolean().optional() }),
    answer: SignedIn,
    errors: [401, 403, 429],
  },
  {
    method: 'post',
    path: '/sign-out',
    operationId: 'signOut',
    summary: 'End this session',
    answer: Status,
    session: true,
  },
  {
    method: 'get',
    path: '/get-session',
    operationId: 'getSession',
    summary: 'The session and its person (null when signed out)',
    answer: Anything.nullable(),
    // better-auth answers 401 when the session ended while it was being renewed.
    errors: [401],
  },
  {
    method: 'post',
    path: '/request-password-reset',
    operationId: 'requestPasswordReset',
    summary: 'Email a reset link (`/app/reset-password?token=…`, valid one hour); answers the same for unknown emails',
    body: z.object({ email: Email }),
    answer: Status,
    errors: [429],
  },
  {
    method: 'post',
    path: '/reset-password',
    operationId: 'resetPassword',
    summary: 'Set a new password with the emailed token (once); ends every session',
    body: z.object({ token: z.string(), newPassword: Password }),
    answer: Status,
    errors: [400, 422, 429],
  },
  {
    method: 'post',
    path: '/change-password',
    operationId: 'changePassword',
    summary: 'Change the password; ends every other session and renews this one',
    body: z.object({ currentPassword: z.string(), newPassword: Password }),
    answer: SignedIn,
    session: true,
    errors: [401, 422, 429],
  },
  {
    method: 'get',
    path: '/verify-email',
    operationId: 'verifyEmail',
    summary:
      'The link in the verification email: verifies, then redirects to `callbackURL` (without one, answers JSON)',
    query: z.object({ token: z.string(), callbackURL: z.string().optional() }),
    answer: z.object({ status: z.boolean() }).passthrough(),
    redirect: 'With `callbackURL`: to it (with `?error=…` when the token is wrong or expired)',
    errors: [400, 401],
  },
  {
    method: 'post',
    path: '/send-verification-email',
    operationId: 'sendVerificationEmail',
    summary: 'Send the verification email again',
    body: z.object({ email: Email, callbackURL: z.string().optional() }),
    answer: Status,
    errors: [400, 429],
  },
  {
    method: 'get',
    path: '/list-sessions',
    operationId: 'listSessions',
    summary: "The person's sessions",
    answer: z.array(Anything),
    session: true,
  },
  {
    method: 'post',
    path: '/revoke-session',
    operationId: 'revokeSession',
    summary: 'End one session (by its token from list-sessions)',
    body: z.object({ token: z.string() }),
    answer: Status,
    session: true,
  },
  {
    method: 'post',
    path: '/revoke-other-sessions',
    operationId: 'revokeOtherSessions',
    summary: 'End every session but this one',
    answer: Status,
    session: true,
  },
  {
    method: 'get',
    path: '/organization/list',
    operationId: 'listWorkspaces',
    summary: 'The workspaces the person belongs to',
    answer: z.array(Anything),
    session: true,
  },
  {
    method: 'post',
    path: '/organization/set-active',
    operationId: 'switchWorkspace',
    summary: 'Switch the session to another of the person’s workspaces',
    body: z.object({ organizationId: z.string() }),
    answer: Anything,
    session: true,
    errors: [403],
  },
  {
    method: 'get',
    path: '/organization/list-members',
    operationId: 'listMembers',
    summary: 'Members of the active workspace',
    answer: Anything,
    session: true,
  },
  {
    method: 'post',
    path: '/organization/invite-member',
    operationId: 'inviteMember',
    summary: 'Invite by email (owners and admins; only owners invite owners; needs a verified email)',
    body: z.object({ email: Email, role: Role, resend: z.boolean().optional() }),
    answer: Anything,
    session: true,
    errors: [400, 403, 409],
  },
  {
    method: 'get',
    path: '/organization/get-invitation',
    operationId: 'getInvitation',
    summary: 'An invitation addressed to the signed-in person',
    query: z.object({ id: z.string() }),
    answer: Anything,
    session: true,
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/organization/accept-invitation',
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation addressed to the signed-in person',
    body: z.object({ invitationId: z.string() }),
    answer: Anything,
    session: true,
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/organization/cancel-invitation',
    operationId: 'cancelInvitation',
    summary: 'Withdraw a pending invitation',
    body: z.object({ invitationId: z.string() }),
    answer: Anything,
    session: true,
    errors: [400, 403],
  },
  {
    method: 'post',
    path: '/organization/update-member-role',
    operationId: 'updateMemberRole',
    summary: 'Change a member’s role (only owners make or unmake owners; a workspace keeps one)',
    body: z.object({ memberId: z.string(), role: Role }),
    answer: Anything,
    session: true,
    errors: [400, 403, 409],
  },
  {
    method: 'post',
    path: '/organization/remove-member',
    operationId: 'removeMember',
    summary: 'Remove a member (owners and admins; only owners remove owners)',
    body: z.object({ memberIdOrEmail: z.string() }),
    answer: Anything,
    session: true,
    errors: [400, 403, 409],
  },
  {
    method: 'post',
    path: '/organization/leave',
    operationId: 'leaveWorkspace',
    summary: 'Leave a workspace (the last owner cannot)',
    body: z.object({ organizationId: z.string() }),
    answer: Anything,
    session: true,
    errors: [400, 409],
  },
];

export function registerAuthDocs(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The dashboard session (set by sign-in). Writes must carry the dashboard’s Origin.',
  });
  for (const op of OPERATIONS) {
    registry.registerPath({
      method: op.method,
      path: `${AUTH_BASE_PATH}${op.path}`,
      operationId: op.operationId,
      tags: ['Accounts'],
      summary: op.summary,
      security: op.session ? [{ session: [] }] : [],
      request: {
        ...(op.body ? { body: { required: true, ...json(op.body) } } : {}),
        ...(op.query ? { query: op.query } : {}),
      },
      responses: {
        ...(op.answer ? { 200: { description: 'Done', ...json(op.answer) } } : {}),
        ...(op.redirect ? { 302: { description: op.redirect } } : {}),
        ...problemResponses(...new Set([...(op.session ? [401, 403] : []), ...(op.errors ?? [])])),
      },
    });
  }
}
