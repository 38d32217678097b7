/**
 * The workspace's members: role changes and removal by the rules of issue 11 (owners and admins
 * manage members and admins; only owners make or remove owners), and leaving (the last owner cannot:
 * the API says so). The API enforces every rule; the screen only offers what the role allows.
 */
import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { type Me, type Role, refreshMe } from '../auth';
import { navigate } from '../router';
import { ErrorNote, Loading, useAction } from '../ui/page';
import { type Column, Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

export interface Member {
  id: string;
  userId: string;
  role: Role;
  createdAt: string;
  user: { id: string; name: string; email: string };
}

/** The roles `actor` may give to, or take from, someone. */
export const assignableRoles = (actor: Role | null): Role[] =>
  actor === 'owner' ? ['member', 'admin', 'owner'] : actor === 'admin' ? ['member', 'admin'] : [];

const mayManage = (actor: Role | null, target: Role) => assignableRoles(actor).includes(target);

export function Members({ me }: { me: Me }) {
  const ws = me.workspace!.id;
  const members = useApi<Member[]>(`members:${ws}`, () => listMembers(ws));
  const action = useAction();
  const changeRole = (m: Member, role: Role) =>
    action.run(async () => {
      await post('/v1/auth/organization/update-member-role', { memberId: m.id, role, organizationId: ws });
      toast(`${m.user.name || m.user.email} is now ${role}.`);
      members.reload();
    });
  const remove = (m: Member) =>
    confirm(`Remove ${m.user.email} from ${me.workspace!.name}?`) &&
    action.run(async () => {
      await post('/v1/auth/organization/remove-member', { memberIdOrEmail: m.id, organizationId: ws });
      toast(`${m.user.email} was removed.`);
      members.reload();
    });
  const leave = () =>
    confirm(`Leave ${me.workspace!.name}? You will need a new invitation to come back.`) &&
    action.run(async () => {
      await post('/v1/auth/organization/leave', { organizationId: ws });
      const after = await refreshMe();
      const next = after?.workspaces[0];
      if (next) await post('/v1/auth/organization/set-active', { organizationId: next.id }).then(refreshMe);
      navigate('/');
    });
  const columns: Column<Member>[] = [
    {
      label: 'Name',
      cell: (m) => (
        <>
          {m.user.name}
          {m.userId === me.user.id && <span class="muted"> (you)</span>}
        </>
      ),
    },
    { label: 'Email', cell: (m) => m.user.email },
    {
      label: 'Role',
      cell: (m) =>
        m.userId !== me.user.id && mayManage(me.role, m.role) ? (
          <RoleSelect member={m} actor={me.role} onChange={(r) => changeRole(m, r)} busy={action.busy} />
        ) : (
          m.role
        ),
    },
    {
      label: 'Actions',
      class: 'narrow',
      cell: (m) =>
        m.userId === me.user.id ? (
          <button type="button" class="danger small" onClick={leave} disabled={action.busy}>
            Leave
          </button>
        ) : mayManage(me.role, m.role) ? (
          <button type="button" class="danger small" onClick={() => remove(m)} disabled={action.busy}>
            Remove<span class="sr-only"> {m.user.email}</span>
          </button>
        ) : null,
    },
  ];
  return (
    <section class="card" aria-labelledby="members-h">
      <h2 id="members-h">Members</h2>
      {members.loading && !members.data && <Loading />}
      <ErrorNote error={members.error} />
      {members.data && <Table caption="Members" columns={columns} rows={members.data} rowKey={(m) => m.id} />}
      <ErrorNote error={action.error} />
    </section>
  );
}

function RoleSelect({
  member,
  actor,
  onChange,
  busy,
}: {
  member: Member;
  actor: Role | null;
  onChange(r: Role): void;
  busy: boolean;
}) {
  const [value, setValue] = useState<Role>(member.role);
  return (
    <select
      aria-label={`Role of ${member.user.email}`}
      value={value}
      disabled={busy}
      onChange={(e) => {
        const role = e.currentTarget.value as Role;
        setValue(role);
        onChange(role);
      }}
    >
      {assignableRoles(actor).map((r) => (
        <option value={r}>{r}</option>
      ))}
    </select>
  );
}

/** better-auth 1.7 answers `{ members, total }` (older versions a bare array). */
async function listMembers(ws: string): Promise<Member[]> {
  const res = await get<Member[] | { members: Member[] }>(
    `/v1/auth/organization/list-members?organizationId=${encodeURIComponent(ws)}&limit=200`,
  );
  return Array.isArray(res) ? res : res.members;
}
