/** The permission vocabulary: what scopes and roles grant, and how a request path finds its operation. */
import { describe, expect, it } from 'vitest';
import { type Credential, KEY_SCOPES, type KeyScope, ROLES, type Role } from '../../api/src/domain/access';
import {
  compileRoutes,
  grantsOf,
  mayGrantScopes,
  PERMISSIONS,
  type Permission,
  permissionFor,
  ROLE_GRANTS,
  ROUTE_PERMISSIONS,
  scopeGrants,
} from '../../api/src/domain/permissions';

const key = (...scopes: KeyScope[]): Credential => ({ kind: 'key', keyId: 'key_1', scopes });
const session = (role: Role): Credential => ({
  kind: 'session',
  userId: 'usr_1',
  sessionId: 'ses_1',
  email: 'a@b.example',
  emailVerified: true,
  role,
});
const sorted = (s: Iterable<Permission>) => [...s].sort();

describe('key scopes', () => {
  it('full grants every permission', () => {
    expect(sorted(grantsOf(key('full')))).toEqual(sorted(PERMISSIONS));
  });

  it.each(KEY_SCOPES.filter((s) => s !== 'full'))('%s grants just itself', (scope) => {
    expect(sorted(grantsOf(key(scope)))).toEqual([scope]);
    expect(scopeGrants(scope)).toEqual([scope]);
  });

  it('a list grants the union of its scopes, and never secrets, keys or members', () => {
    const bi = grantsOf(key('leads:read', 'reports:read', 'settings:read'));
    expect(sorted(bi)).toEqual(['leads:read', 'reports:read', 'settings:read']);
    const everyNarrow = grantsOf(key(...KEY_SCOPES.filter((s) => s !== 'full')));
    for (const p of ['secrets:read', 'secrets:write', 'api-keys:manage', 'members:manage'] as const)
      expect(everyNarrow.has(p)).toBe(false);
  });
});

describe('roles (issue 11)', () => {
  it('member: leads read and write, reports, settings read; nothing else', () => {
    expect(sorted(ROLE_GRANTS.member)).toEqual(['leads:read', 'leads:write', 'reports:read', 'settings:read']);
  });

  it('admin: also every setting, webhook signing secrets and members (invitations)', () => {
    expect(sorted(ROLE_GRANTS.admin)).toEqual(
      sorted([...ROLE_GRANTS.member, 'settings:write', 'secrets:read', 'secrets:write', 'members:manage']),
    );
  });

  it('owner: also owners, API keys, billing and deleting the workspace, which is everything', () => {
    expect(sorted(ROLE_GRANTS.owner)).toEqual(
      sorted([...ROLE_GRANTS.admin, 'owners:manage', 'api-keys:manage', 'billing:manage', 'workspace:delete']),
    );
    expect(sorted(ROLE_GRANTS.owner)).toEqual(sorted(PERMISSIONS));
  });

  it('each role holds what the one below it holds', () => {
    for (const p of ROLE_GRANTS.member) expect(ROLE_GRANTS.admin).toContain(p);
    for (const p of ROLE_GRANTS.admin) expect(ROLE_GRANTS.owner).toContain(p);
  });

  it.each(ROLES)("a %s session's grants are its role's", (role) => {
    expect(sorted(grantsOf(session(role)))).toEqual(sorted(ROLE_GRANTS[role]));
  });
});

// Which operations each role may reach, read from the route map: the role rows of the matrix
// (tests/api/key-scopes.test.ts checks the same map against real requests with keys).
describe('role × operation', () => {
  const operations = Object.entries(ROUTE_PERMISSIONS);
  const allowed = (role: Role) =>
    operations.filter(([, p]) => grantsOf(session(role)).has(p)).map(([operation]) => operation);

  it('a member reads and works leads, reads settings and reports, and changes no setting', () => {
    const mayDo = allowed('member');
    expect(mayDo).toContain('POST /v1/leads/{id}/events');
    expect(mayDo).toContain('POST /v1/leads/{id}/assign');
    expect(mayDo).toContain('GET /v1/forms/{id}');
    expect(mayDo).toContain('GET /v1/reports/sla');
    expect(mayDo).toContain('GET /v1/webhook-endpoints/{id}');
    for (const op of mayDo) {
      const [method, path] = op.split(' ');
      const readsSettings = method === 'GET' || path === '/v1/routing/simulate';
      expect(path!.startsWith('/v1/leads') || path === '/v1/revenue' || readsSettings, op).toBe(true);
    }
    expect(mayDo).not.toContain('GET /v1/webhook-endpoints/{id}/secret');
    expect(mayDo).not.toContain('GET /v1/api-keys');
  });

  it('an admin may do everything but manage keys', () => {
    const denied = operations.filter(([op]) => !allowed('admin').includes(op)).map(([op]) => op);
    expect(denied.sort()).toEqual(['DELETE /v1/api-keys/{id}', 'GET /v1/api-keys', 'POST /v1/api-keys']);
  });

  it('an owner may do every operation', () => {
    expect(allowed('owner')).toHaveLength(operations.length);
  });
});

describe('mayGrantScopes: never more than the maker has', () => {
  it('a full key and an owner may give any scope', () => {
    for (const scope of KEY_SCOPES) {
      expect(mayGrantScopes(key('full'), [scope])).toBe(true);
      expect(mayGrantScopes(session('owner'), [scope])).toBe(true);
    }
  });

  it('a scoped key may give its own scopes or fewer, never another or full', () => {
    const k = key('leads:read', 'reports:read');
    expect(mayGrantScopes(k, ['leads:read'])).toBe(true);
    expect(mayGrantScopes(k, ['leads:read', 'reports:read'])).toBe(true);
    expect(mayGrantScopes(k, ['leads:write'])).toBe(false);
    expect(mayGrantScopes(k, ['full'])).toBe(false);
  });

  it('an admin may not give full (it lacks api-keys:manage and owners:manage)', () => {
    expect(mayGrantScopes(session('admin'), ['settings:write'])).toBe(true);
    expect(mayGrantScopes(session('admin'), ['full'])).toBe(false);
    expect(mayGrantScopes(session('member'), ['settings:write'])).toBe(false);
  });
});

describe('permissionFor', () => {
  it('matches a concrete path to its operation', () => {
    expect(permissionFor('GET', '/v1/leads/lead_123')).toEqual({
      operation: 'GET /v1/leads/{id}',
      permission: 'leads:read',
    });
    expect(permissionFor('post', '/v1/leads/lead_1/events')?.operation).toBe('POST /v1/leads/{id}/events');
    expect(permissionFor('POST', '/v1/webhook-endpoints/wh_1/deliveries/del_2/resend')?.operation).toBe(
      'POST /v1/webhook-endpoints/{id}/deliveries/{deliveryId}/resend',
    );
  });

  it('a literal segment wins over a parameter', () => {
    const routes = compileRoutes({ 'POST /v1/x/{id}': 'settings:write', 'POST /v1/x/reorder': 'secrets:write' });
    expect(permissionFor('POST', '/v1/x/reorder', routes)?.permission).toBe('secrets:write');
    expect(permissionFor('POST', '/v1/x/abc', routes)?.permission).toBe('settings:write');
    // Declared the other way round, too.
    const reversed = compileRoutes({ 'POST /v1/x/reorder': 'secrets:write', 'POST /v1/x/{id}': 'settings:write' });
    expect(permissionFor('POST', '/v1/x/reorder', reversed)?.permission).toBe('secrets:write');
  });

  it('HEAD is answered as GET', () => {
    expect(permissionFor('HEAD', '/v1/leads')?.permission).toBe('leads:read');
  });

  it('refuses what the map does not list: other methods, unknown paths, empty segments, extra segments', () => {
    expect(permissionFor('PUT', '/v1/leads/lead_1')).toBeNull();
    expect(permissionFor('OPTIONS', '/v1/leads')).toBeNull();
    expect(permissionFor('GET', '/v1/nothing-here')).toBeNull();
    expect(permissionFor('GET', '/v1/leads/')).toBeNull();
    expect(permissionFor('GET', '/v1/leads/lead_1/extra')).toBeNull();
    expect(permissionFor('GET', '/v1/me')).toBeNull();
  });

  it('every entry of the map is a METHOD and a /v1 path with a known permission', () => {
    for (const [op, permission] of Object.entries(ROUTE_PERMISSIONS)) {
      expect(op).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/v1(\/([a-z0-9-]+|\{[A-Za-z]+\}))+$/);
      expect(PERMISSIONS).toContain(permission);
      expect(op.startsWith('GET /v1/public') || op.startsWith('POST /v1/auth')).toBe(false);
    }
  });

  it('every answer carrying a webhook signing secret needs the secrets permission', () => {
    expect(ROUTE_PERMISSIONS['POST /v1/webhook-endpoints']).toBe('secrets:write');
    expect(ROUTE_PERMISSIONS['GET /v1/webhook-endpoints/{id}/secret']).toBe('secrets:read');
    expect(ROUTE_PERMISSIONS['POST /v1/webhook-endpoints/{id}/rotate-secret']).toBe('secrets:write');
  });
});
