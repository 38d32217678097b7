/** Inviting by email with a role, the pending invitations, cancelling one (owners and admins). */
import { useState } from 'preact/hooks';
import { get, post } from '../api';
import type { Me, Role } from '../auth';
import { Select, TextInput } from '../ui/field';
import { ErrorNote, Loading, useAction } from '../ui/page';
import { type Column, Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { assignableRoles } from './members';

interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: string;
  expiresAt: string;
}

export function Invitations({ me }: { me: Me }) {
  const ws = me.workspace!.id;
  const invitations = useApi<Invitation[]>(`invitations:${ws}`, async () =>
    (await get<Invitation[]>(`/v1/auth/organization/list-invitations?organizationId=${encodeURIComponent(ws)}`)).filter(
      (i) => i.status === 'pending',
    ),
  );
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const action = useAction();
  const invite = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/auth/organization/invite-member', { email: email.trim(), role, organizationId: ws });
      toast(`Invitation sent to ${email.trim()}.`);
      setEmail('');
      invitations.reload();
    });
  };
  const cancel = (i: Invitation) =>
    action.run(async () => {
      await post('/v1/auth/organization/cancel-invitation', { invitationId: i.id });
      toast(`The invitation to ${i.email} is cancelled.`);
      invitations.reload();
    });
  const columns: Column<Invitation>[] = [
    { label: 'Email', cell: (i) => i.email },
    { label: 'Role', cell: (i) => i.role },
    { label: 'Expires', cell: (i) => new Date(i.expiresAt).toLocaleString() },
    {
      label: 'Actions',
      class: 'narrow',
      cell: (i) => (
        <button type="button" class="danger small" onClick={() => cancel(i)} disabled={action.busy}>
          Cancel<span class="sr-only"> the invitation to {i.email}</span>
        </button>
      ),
    },
  ];
  return (
    <section class="card" aria-labelledby="invitations-h">
      <h2 id="invitations-h">Invitations</h2>
      {!me.user.emailVerified && <p class="muted">Verify your email to send invitations.</p>}
      <form class="inline-form" onSubmit={invite} aria-label="Invite a teammate">
        <TextInput label="Email" type="email" value={email} onValue={setEmail} required />
        <Select
          label="Role"
          value={role}
          onValue={(r) => setRole(r as Role)}
          options={assignableRoles(me.role)}
          help="Members handle leads and read settings; admins also change settings; owners also keys."
        />
        <button type="submit" disabled={action.busy}>
          Send invitation
        </button>
      </form>
      <ErrorNote error={action.error} />
      <h3>Pending</h3>
      {invitations.loading && !invitations.data && <Loading />}
      <ErrorNote error={invitations.error} />
      {invitations.data && (
        <Table
          caption="Pending invitations"
          columns={columns}
          rows={invitations.data}
          rowKey={(i) => i.id}
          empty="No pending invitation."
        />
      )}
    </section>
  );
}
