/** Workspaces: invitations, roles among members, leaving, switching, and isolation between them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authPost,
  invite,
  mailLink,
  PASSWORD,
  sessionCookie,
  signIn,
  signUp,
  uniqueEmail,
  verifyEmail,
  type Person,
} from '../helpers/accounts';
import { testDbKinds } from '../helpers/db';
import { createHarness, type Harness, ORIGIN, PUBLIC_URL, submit } from '../helpers/harness';

const type = async (res: Response) => ((await res.json()) as { type: string }).type;

/** An owner (verified) with a teammate who accepted an invitation with `role`. */
async function teamOf(h: Harness, role: 'member' | 'admin' | 'owner') {
  const owner = await signUp(h, { workspaceName: 'Team' });
  await verifyEmail(h, owner);
  const email = uniqueEmail(role);
  const inv = await invite(owner, email, role);
  expect(inv.status, await inv.clone().text()).toBe(200);
  const invitationId = ((await inv.json()) as { id: string }).id;
  const mate = await signUp(h, { email, workspaceName: 'Their own' });
  const accepted = await mate.api('/v1/auth/organization/accept-invitation', { body: { invitationId } });
  expect(accepted.status, await accepted.clone().text()).toBe(200);
  const set = await mate.api('/v1/auth/organization/set-active', { body: { organizationId: owner.workspaceId } });
  expect(set.status, await set.clone().text()).toBe(200);
  const members = (await (await owner.api('/v1/auth/organization/list-members')).json()) as {
    members: { id: string; userId: string; role: string }[];
  };
  const memberId = (userId: string) => members.members.find((m) => m.userId === userId)!.id;
  return { owner, mate, ownerMemberId: memberId(owner.userId), mateMemberId: memberId(mate.userId) };
}

describe.each(testDbKinds)('workspaces on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  }, 60_000);
  afterAll(() => h.close());

  it('invitations need a verified email; the invitee joins with the invited role and can switch', async () => {
    const owner = await signUp(h);
    const unverified = await invite(owner, uniqueEmail(), 'member');
    expect(unverified.status).toBe(403);
    expect(await type(unverified)).toBe('https://inlet.dev/problems/email-not-verified');

    const { owner: o, mate } = await teamOf(h, 'member');
    const me = (await (await mate.api('/v1/me')).json()) as any;
    expect(me.workspace.id).toBe(o.workspaceId);
    expect(me.role).toBe('member');
    expect(me.workspaces.map((w: { role: string }) => w.role).sort()).toEqual(['member', 'owner']);
  });

  it('a new person signs up to accept an invitation and lands in that workspace, with none of their own', async () => {
    const owner = await signUp(h, { workspaceName: 'Inviting' });
    await verifyEmail(h, owner);
    const email = uniqueEmail('invitee');
    const { id: invitationId } = (await (await invite(owner, email, 'admin')).json()) as { id: string };
    const link = await mailLink(h, email, 'invitation');
    expect(link).toBe(`${PUBLIC_URL}/app/invitations/${invitationId}`);
    const res = await authPost(h, '/sign-up/email', { name: 'New Mate', email, password: PASSWORD, invitationId });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = sessionCookie(res)!;
    const headers = { cookie, origin: PUBLIC_URL, 'content-type': 'application/json' };
    const accepted = await h.request('/v1/auth/organization/accept-invitation', {
      method: 'POST',
      headers,
      body: JSON.stringify({ invitationId }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const me = (await (await h.request('/v1/me', { headers })).json()) as any;
    expect(me.workspace).toEqual({ id: owner.workspaceId, name: 'Inviting' });
    expect(me.role).toBe('admin');
    expect(me.workspaces).toHaveLength(1);
  });

  it('a member cannot invite; an admin cannot make an owner; an owner can', async () => {
    const { owner, mate, mateMemberId } = await teamOf(h, 'member');
    await verifyEmail(h, mate);
    const byMember = await invite(mate, uniqueEmail(), 'member');
    expect(byMember.status).toBe(403);
    expect(await type(byMember)).toBe('https://inlet.dev/problems/forbidden');

    const team = await teamOf(h, 'admin');
    await verifyEmail(h, team.mate);
    const adminInvitesOwner = await invite(team.mate, uniqueEmail(), 'owner');
    expect(adminInvitesOwner.status).toBe(403);
    const adminInvitesMember = await invite(team.mate, uniqueEmail(), 'member');
    expect(adminInvitesMember.status).toBe(200);
    const adminPromotesOwner = await team.mate.api('/v1/auth/organization/update-member-role', {
      body: { memberId: team.ownerMemberId, role: 'member' },
    });
    expect(adminPromotesOwner.status).toBe(403);

    const promoted = await owner.api('/v1/auth/organization/update-member-role', {
      body: { memberId: mateMemberId, role: 'owner' },
    });
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    expect(((await (await mate.api('/v1/me')).json()) as any).role).toBe('owner');
  });

  it('removing a member ends their access at once, though their session lives on', async () => {
    const { owner, mate, mateMemberId } = await teamOf(h, 'admin');
    expect((await mate.api('/v1/leads')).status).toBe(200);
    const removed = await owner.api('/v1/auth/organization/remove-member', { body: { memberIdOrEmail: mateMemberId } });
    expect(removed.status, await removed.clone().text()).toBe(200);
    const after = await mate.api('/v1/leads');
    expect(after.status).toBe(403);
    expect(await type(after)).toBe('https://inlet.dev/problems/no-workspace');
    expect((await mate.api('/v1/me')).status).toBe(200);
  });

  it('the last owner cannot leave; with a second owner they can', async () => {
    const { owner, mateMemberId } = await teamOf(h, 'member');
    const leave = (p: Person, organizationId: string) =>
      p.api('/v1/auth/organization/leave', { body: { organizationId } });
    const refused = await leave(owner, owner.workspaceId);
    expect(refused.status).toBe(409);
    expect(await type(refused)).toBe('https://inlet.dev/problems/last-owner');
    await owner.api('/v1/auth/organization/update-member-role', { body: { memberId: mateMemberId, role: 'owner' } });
    expect((await leave(owner, owner.workspaceId)).status).toBe(200);
    const me = (await (await owner.api('/v1/me')).json()) as any;
    expect(me.workspaces.map((w: { id: string }) => w.id)).not.toContain(owner.workspaceId);
    // With no workspace left, the session may call /v1/me only.
    expect(me.workspace).toBeNull();
    expect(me.role).toBeNull();
    const leads = await owner.api('/v1/leads');
    expect(leads.status).toBe(403);
    expect(await type(leads)).toBe('https://inlet.dev/problems/no-workspace');
  });

  it('an invitation to another workspace cannot be accepted by someone else, nor made for a workspace one is not in', async () => {
    const a = await signUp(h, { workspaceName: 'A' });
    await verifyEmail(h, a);
    const b = await signUp(h, { workspaceName: 'B' });
    await verifyEmail(h, b);
    // b invites into a's workspace: b is not a member there.
    const foreign = await b.api('/v1/auth/organization/invite-member', {
      body: { email: uniqueEmail(), role: 'admin', organizationId: a.workspaceId },
    });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    // a's invitation for someone else: b cannot take it.
    const inv = (await (await invite(a, uniqueEmail('other'), 'admin')).json()) as { id: string };
    const stolen = await b.api('/v1/auth/organization/accept-invitation', { body: { invitationId: inv.id } });
    expect(stolen.status).toBeGreaterThanOrEqual(400);
    expect(stolen.status).toBeLessThan(500);
    const setActive = await b.api('/v1/auth/organization/set-active', { body: { organizationId: a.workspaceId } });
    expect(setActive.status).toBe(403);
    expect(((await (await b.api('/v1/me')).json()) as any).workspace.id).toBe(b.workspaceId);
  });

  it("a session in workspace A cannot read workspace B's leads", async () => {
    const a = await signUp(h, { workspaceName: 'A' });
    const b = await signUp(h, { workspaceName: 'B' });
    const form = (await (
      await b.api('/v1/forms', {
        body: {
          name: 'F',
          fields: [{ key: 'email', label: 'Email', type: 'email', required: true }],
          allowedOrigins: [ORIGIN],
        },
      })
    ).json()) as { id: string };
    const sub = await submit(h, form.id, { values: { email: 'x@example.com' } });
    const { leadId } = (await sub.json()) as { leadId: string };
    expect(((await (await b.api('/v1/leads')).json()) as any).data).toHaveLength(1);
    expect(((await (await a.api('/v1/leads')).json()) as any).data).toHaveLength(0);
    expect((await a.api(`/v1/leads/${leadId}`)).status).toBe(404);
    expect((await b.api(`/v1/leads/${leadId}`)).status).toBe(200);
    // Signing in again lands in the same workspace (the first membership).
    const again = await signIn(h, a.email, a.password);
    expect(((await (await again.api('/v1/me')).json()) as any).workspace.id).toBe(a.workspaceId);
  });
});
