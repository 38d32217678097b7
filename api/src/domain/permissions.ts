/**
 * What a credential may do: the permissions, what each key scope and each workspace role grants, and
 * the default-deny map from every authenticated API operation to the one permission it needs. Pure;
 * the middleware (middleware/authorize.ts) applies it to every request before its body is read.
 *
 * Outside the map: `/v1/public/*` (the widget, no credential), `/v1/auth/*` (better-auth enforces its
 * organization rules itself) and `GET /v1/me` (anyone signed in may ask who they are).
 */
import type { Credential, KeyScope, Role } from './access';

/** Paths the map does not cover: the widget's (no credential), better-auth's, and who-am-I. */
export const isOutsideMap = (path: string) =>
  path.startsWith('/v1/public/') ||
  path.startsWith('/v1/auth/') ||
  path === '/v1/me' ||
  /^\/v1\/integrations\/stripe\/[^/]+\/events$/.test(path);

export const PERMISSIONS = [
  'leads:read',
  'leads:write',
  'settings:read',
  'settings:write',
  'reports:read',
  /** Webhook signing secrets: any answer that carries one (create, reveal, rotate). */
  'secrets:read',
  'secrets:write',
  'api-keys:manage',
  'members:manage',
  'owners:manage',
  'billing:manage',
  'workspace:delete',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** A listed scope grants just itself; `full` grants everything a key can be given (every permission). */
export function scopeGrants(scope: KeyScope): readonly Permission[] {
  return scope === 'full' ? PERMISSIONS : [scope];
}

const MEMBER: readonly Permission[] = ['leads:read', 'leads:write', 'reports:read', 'settings:read'];
const ADMIN: readonly Permission[] = [...MEMBER, 'settings:write', 'secrets:read', 'secrets:write', 'members:manage'];
const OWNER: readonly Permission[] = [
  ...ADMIN,
  'owners:manage',
  'api-keys:manage',
  'billing:manage',
  'workspace:delete',
];

/** Issue 11: members work leads and read settings; admins change settings and invite; owners hold the rest. */
export const ROLE_GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  member: MEMBER,
  admin: ADMIN,
  owner: OWNER,
};

/** Every permission the credential holds. */
export function grantsOf(credential: Credential): ReadonlySet<Permission> {
  if (credential.kind === 'session') return new Set(ROLE_GRANTS[credential.role]);
  return new Set(credential.scopes.flatMap(scopeGrants));
}

export const hasPermission = (credential: Credential, permission: Permission) => grantsOf(credential).has(permission);

/**
 * Every scope in `wanted` grants only what `credential` already holds: a key never mints a key with
 * more than its maker has. A session needs `api-keys:manage` to create a key at all (checked by the
 * route's permission), and an owner holds every permission, so an owner may give any scope.
 */
export function mayGrantScopes(credential: Credential, wanted: readonly KeyScope[]): boolean {
  const held = grantsOf(credential);
  return wanted.every((scope) => scopeGrants(scope).every((p) => held.has(p)));
}

/**
 * METHOD + OpenAPI path → the permission it needs. Anything not listed is refused (default deny);
 * tests/api/key-scopes.test.ts fails when /openapi.json has an operation this map does not list.
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  // Leads and what happens to them.
  'GET /v1/leads': 'leads:read',
  'GET /v1/leads/{id}': 'leads:read',
  'POST /v1/leads/{id}/events': 'leads:write',
  'POST /v1/leads/{id}/assign': 'leads:write',
  'POST /v1/leads/assign': 'leads:write',
  'POST /v1/leads/{id}/not-spam': 'leads:write',
  'POST /v1/leads/{id}/promote': 'leads:write',
  'POST /v1/revenue': 'leads:write',

  // Settings: forms, teams and reps, routing, calendars, policies, pipeline stages, webhooks.
  'GET /v1/workspace': 'settings:read',
  'PATCH /v1/workspace': 'settings:write',
  'DELETE /v1/demo-data': 'settings:write',
  // Connecting Stripe stores its signing secret: a secret, like webhook endpoints' own.
  'POST /v1/integrations/stripe': 'secrets:write',
  'GET /v1/integrations/stripe': 'settings:read',
  'DELETE /v1/integrations/stripe': 'settings:write',
  'POST /v1/forms': 'settings:write',
  'GET /v1/forms': 'settings:read',
  'GET /v1/forms/{id}': 'settings:read',
  'PATCH /v1/forms/{id}': 'settings:write',
  'DELETE /v1/forms/{id}': 'settings:write',
  'POST /v1/teams': 'settings:write',
  'GET /v1/teams': 'settings:read',
  'GET /v1/teams/{id}': 'settings:read',
  'PATCH /v1/teams/{id}': 'settings:write',
  'DELETE /v1/teams/{id}': 'settings:write',
  'POST /v1/reps': 'settings:write',
  'GET /v1/reps': 'settings:read',
  'GET /v1/reps/{id}': 'settings:read',
  'PATCH /v1/reps/{id}': 'settings:write',
  'DELETE /v1/reps/{id}': 'settings:write',
  'POST /v1/routing/rules': 'settings:write',
  'GET /v1/routing/rules': 'settings:read',
  'POST /v1/routing/rules/reorder': 'settings:write',
  'GET /v1/routing/rules/{id}': 'settings:read',
  'PATCH /v1/routing/rules/{id}': 'settings:write',
  'DELETE /v1/routing/rules/{id}': 'settings:write',
  'GET /v1/routing/fallback': 'settings:read',
  'PUT /v1/routing/fallback': 'settings:write',
  // A simulation stores nothing: it reads the rules, teams and reps.
  'POST /v1/routing/simulate': 'settings:read',
  'POST /v1/business-hours': 'settings:write',
  'GET /v1/business-hours': 'settings:read',
  'GET /v1/business-hours/{id}': 'settings:read',
  'PATCH /v1/business-hours/{id}': 'settings:write',
  'DELETE /v1/business-hours/{id}': 'settings:write',
  'GET /v1/business-hours/{id}/preview': 'settings:read',
  'POST /v1/sla-policies': 'settings:write',
  'GET /v1/sla-policies': 'settings:read',
  'POST /v1/sla-policies/reorder': 'settings:write',
  'GET /v1/sla-policies/{id}': 'settings:read',
  'PATCH /v1/sla-policies/{id}': 'settings:write',
  'DELETE /v1/sla-policies/{id}': 'settings:write',
  'POST /v1/capacity-policies': 'settings:write',
  'GET /v1/capacity-policies': 'settings:read',
  'GET /v1/capacity-policies/{id}': 'settings:read',
  'PATCH /v1/capacity-policies/{id}': 'settings:write',
  'DELETE /v1/capacity-policies/{id}': 'settings:write',
  'GET /v1/pipeline/stages': 'settings:read',
  'POST /v1/pipeline/stages': 'settings:write',
  'POST /v1/pipeline/stages/reorder': 'settings:write',
  'PATCH /v1/pipeline/stages/{id}': 'settings:write',
  'DELETE /v1/pipeline/stages/{id}': 'settings:write',

  // Webhook endpoints: reading one never shows its secret (settings:read is enough); every answer
  // that carries a signing secret needs the secrets permission, creating one included.
  'POST /v1/webhook-endpoints': 'secrets:write',
  'GET /v1/webhook-endpoints': 'settings:read',
  'GET /v1/webhook-endpoints/{id}': 'settings:read',
  'PATCH /v1/webhook-endpoints/{id}': 'settings:write',
  'DELETE /v1/webhook-endpoints/{id}': 'settings:write',
  'GET /v1/webhook-endpoints/{id}/secret': 'secrets:read',
  'POST /v1/webhook-endpoints/{id}/rotate-secret': 'secrets:write',
  'GET /v1/webhook-endpoints/{id}/deliveries': 'settings:read',
  'POST /v1/webhook-endpoints/{id}/deliveries/{deliveryId}/resend': 'settings:write',

  // Reports and the exports built like them.
  'GET /v1/reports/capacity': 'reports:read',
  'GET /v1/reports/sla': 'reports:read',
  'GET /v1/reports/retention': 'reports:read',
  'GET /v1/reports/pipeline': 'reports:read',
  'GET /v1/reports/attribution': 'reports:read',
  'GET /v1/reports/capacity-plan': 'reports:read',
  'GET /v1/exports/offline-conversions': 'reports:read',

  // Secret keys.
  'POST /v1/api-keys': 'api-keys:manage',
  'GET /v1/api-keys': 'api-keys:manage',
  'DELETE /v1/api-keys/{id}': 'api-keys:manage',
};

/** Why a permission is held back, added to a refusal where the bare name would not say it. */
export const REFUSAL_HINTS: Partial<Record<Permission, string>> = {
  'api-keys:manage':
    'Only a full key or a workspace owner manages keys: a key can never make a key with more than it has.',
  'secrets:read': 'Webhook signing secrets need a full key, or an admin or owner session.',
  'secrets:write': 'Webhook signing secrets need a full key, or an admin or owner session.',
};

interface CompiledRoute {
  segments: (string | null)[]; // null: a `{param}` segment
  permission: Permission;
  operation: string;
}

/** Method → routes, each path split once into literal and parameter segments. */
export function compileRoutes(map: Readonly<Record<string, Permission>>): Map<string, CompiledRoute[]> {
  const byMethod = new Map<string, CompiledRoute[]>();
  for (const [operation, permission] of Object.entries(map)) {
    const [method, path] = operation.split(' ') as [string, string];
    const segments = path
      .split('/')
      .slice(1)
      .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
    const list = byMethod.get(method) ?? [];
    list.push({ segments, permission, operation });
    byMethod.set(method, list);
  }
  return byMethod;
}

const COMPILED = compileRoutes(ROUTE_PERMISSIONS);

export interface RouteMatch {
  /** The operation as the map lists it, e.g. `GET /v1/leads/{id}`. */
  operation: string;
  permission: Permission;
}

/**
 * The operation a concrete request is and the permission it needs; null when the map does not list
 * it (the caller refuses it). HEAD is answered as GET. Where a literal and a parameter both fit a
 * segment (`/rules/reorder` and `/rules/{id}`), the literal wins, as in the router.
 */
export function permissionFor(method: string, path: string, routes = COMPILED): RouteMatch | null {
  const upper = method.toUpperCase();
  const candidates = routes.get(upper === 'HEAD' ? 'GET' : upper);
  if (!candidates) return null;
  const parts = path.split('/').slice(1);
  let best: CompiledRoute | null = null;
  let bestLiterals = -1;
  for (const route of candidates) {
    if (route.segments.length !== parts.length) continue;
    let literals = 0;
    let fits = true;
    for (let i = 0; i < parts.length && fits; i++) {
      const want = route.segments[i];
      if (want === null) fits = parts[i] !== '';
      else if (want === parts[i]) literals++;
      else fits = false;
    }
    if (fits && literals > bestLiterals) {
      best = route;
      bestLiterals = literals;
    }
  }
  return best ? { operation: best.operation, permission: best.permission } : null;
}
