/**
 * Roles through the real app, with real sessions: an owner signs up, invites an admin and a member
 * through /v1/auth, and each of them, signed in with a cookie as the dashboard is, is refused
 * (403 forbidden-role, before the body is read, storing nothing) exactly the operations their role
 * does not grant (issue 11), and let through the rest. Keys made by a person record who made them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/src/domain/access';
import { isOutsideMap, ROLE_GRANTS, ROUTE_PERMISSIONS } from '../../api/src/domain/permissions';
import { problemType } from '../../api/src/errors';
import { invite, type Person, signUp, uniqueEmail, verifyEmail } from '../helpers/accounts';
import { testDbKinds } from '../helpers/db';
import { CONTACT_FIELDS, createHarness, type Harness, ORIGIN, PUBLIC_URL } from '../helpers/harness';
import { type OperationRequest, seedWorld, type WorldIds } from '../helpers/operation-requests';
import { expectAllowed, expectDenied, type Sender } from '../helpers/permission-matrix';
import { changedTables, snapshotTables } from '../helpers/table-snapshot';

const FORBIDDEN_ROLE = problemType('forbidden_role');

/** What the matrix helpers need of a workspace, through a person's session. */
const workspaceOf = (p: Person) => ({
  api: p.api,
  async createForm() {
    const res = await p.api('/v1/forms', {
      body: { name: 'Contact', fields: CONTACT_FIELDS, allowedOrigins: [ORIGIN] },
    });
    if (res.status !== 201) throw new Error(`createForm: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  },
});

describe.each(testDbKinds)('roles on %s', (kind) => {
  let h: Harness;
  let people: Record<Role, Person>;
  let ids: WorldIds;
  let operations: string[];

  /** Requests as the dashboard sends them: the session cookie and the dashboard's Origin. */
  const senderOf =
    (p: Person): Sender =>
    (req: OperationRequest, rawBody?: string) =>
      h.request(req.path, {
        method: req.method,
        headers: {
          cookie: p.cookie,
          origin: PUBLIC_URL,
          ...(req.body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
      });

  /** Joins the owner's workspace with `role` through an invitation, and makes it the active one. */
  async function joinAs(owner: Person & { workspaceId: string }, role: Role): Promise<Person> {
    const email = uniqueEmail(role);
    const inv = await invite(owner, email, role);
    expect(inv.status, await inv.clone().text()).toBe(200);
    const invitationId = ((await inv.json()) as { id: string }).id;
    const mate = await signUp(h, { email, workspaceName: `${role}'s own` });
    const accepted = await mate.api('/v1/auth/organization/accept-invitation', { body: { invitationId } });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const set = await mate.api('/v1/auth/organization/set-active', { body: { organizationId: owner.workspaceId } });
    expect(set.status, await set.clone().text()).toBe(200);
    const me = (await (await mate.api('/v1/me')).json()) as { role: string };
    expect(me.role).toBe(role);
    return mate;
  }

  beforeAll(async () => {
    h = await createHarness(kind);
    const owner = await signUp(h, { workspaceName: 'Roles' });
    await verifyEmail(h, owner);
    people = { owner, admin: await joinAs(owner, 'admin'), member: await joinAs(owner, 'member') };
    ids = await seedWorld(h, workspaceOf(owner));
    operations = Object.keys(ROUTE_PERMISSIONS);
    const doc = (await (await h.request('/openapi.json')).json()) as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => !isOutsideMap(path))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...operations].sort());
  }, 180_000);
  afterAll(() => h.close());

  describe.each(['member', 'admin', 'owner'] as const)('a signed-in %s', (role) => {
    const granted = (op: string) => ROLE_GRANTS[role].includes(ROUTE_PERMISSIONS[op]!);

    it('is refused exactly what the role does not grant: 403 forbidden-role before the body is read, nothing stored', async () => {
      const denied = operations.filter((op) => !granted(op));
      if (role === 'owner') expect(denied).toEqual([]);
      else await expectDenied(h, workspaceOf(people.owner), ids, senderOf(people[role]), denied, FORBIDDEN_ROLE, role);
    });

    it('is let through everything else', async () => {
      const allowed = operations.filter(granted);
      await expectAllowed(workspaceOf(people.owner), ids, senderOf(people[role]), allowed, role);
    });
  });

  it('a member reads settings and works leads; an admin changes settings and reads secrets; neither manages keys', async () => {
    const { member, admin } = people;
    expect((await member.api(`/v1/forms/${ids.form}`)).status).toBe(200);
    expect((await member.api(`/v1/leads/${ids.lead}/events`, { body: { type: 'contacted' } })).status).toBe(201);
    expect((await member.api(`/v1/forms/${ids.form}`, { method: 'PATCH', body: { name: 'X' } })).status).toBe(403);
    expect((await member.api(`/v1/webhook-endpoints/${ids.endpoint}/secret`)).status).toBe(403);
    expect((await admin.api(`/v1/webhook-endpoints/${ids.endpoint}/secret`)).status).toBe(200);
    for (const p of [member, admin]) {
      const res = await p.api('/v1/api-keys', { body: { name: 'Mine' } });
      expect(res.status).toBe(403);
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type).toBe(FORBIDDEN_ROLE);
      expect(problem.detail).toMatch(/only a full key or a workspace owner/i);
    }
  });

  it('an owner makes keys of any scope, recorded as made by that person; a refused admin stores nothing', async () => {
    const { owner, admin } = people;
    const made = await owner.api('/v1/api-keys', { body: { name: 'BI', scopes: ['leads:read', 'reports:read'] } });
    expect(made.status).toBe(201);
    const key = (await made.json()) as { secret: string; scopes: string[]; createdBy: string };
    expect(key).toMatchObject({ scopes: ['leads:read', 'reports:read'], createdBy: `user:${owner.userId}` });
    const asKey = (path: string) => h.request(path, { headers: { authorization: `Bearer ${key.secret}` } });
    expect((await asKey('/v1/leads')).status).toBe(200);
    expect((await asKey('/v1/forms')).status).toBe(403);

    await h.settle();
    const before = await snapshotTables(h.handle.db);
    expect((await admin.api('/v1/api-keys', { body: { name: 'Sneaky', scopes: ['full'] } })).status).toBe(403);
    expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
  });
});
