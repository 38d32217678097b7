/**
 * Who is calling and what they may do: the vocabulary shared by secret keys and dashboard sessions.
 * Pure types and constants; the per-route map and the check live in domain/permissions.ts.
 */

/** Workspace roles (better-auth organization roles). */
export const ROLES = ['member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** Secret-key scopes, as Stripe's restricted keys: `full`, or a list of the others. */
export const KEY_SCOPES = ['full', 'leads:read', 'leads:write', 'settings:read', 'settings:write', 'reports:read'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** How a request proved who it is. */
export type Credential =
  | { kind: 'key'; keyId: string; scopes: KeyScope[] }
  | { kind: 'session'; userId: string; sessionId: string; email: string; emailVerified: boolean; role: Role };
