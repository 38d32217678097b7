/**
 * `/app/accept-invitation/{id}`, the emailed invitation link: sign in (or create an account), then
 * see which workspace invites you with which role, and accept or decline it.
 */
import { post } from '../api';
import { refreshMe, signOut, switchWorkspace, useMe } from '../auth';
import { link, navigate } from '../router';
import { AuthCard, SignInForm } from '../sign-in';
import { ErrorNote, Loading, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

interface Invitation {
  id: string;
  email: string;
  role: string;
  status: string;
  organizationId: string;
  organizationName?: string;
  inviterEmail?: string;
}

export default function AcceptInvitationPage({ params: [id] }: { params: string[] }) {
  const me = useMe();
  const signUp = `/sign-up?invitation=${encodeURIComponent(id!)}`;
  if (!me)
    return (
      <AuthCard title="You are invited to a workspace">
        <p>Sign in to accept the invitation, or create an account with the address it was sent to.</p>
        <SignInForm signUpPath={signUp} />
      </AuthCard>
    );
  return <Invitation id={id!} email={me.user.email} />;
}

function Invitation({ id, email }: { id: string; email: string }) {
  const inv = useApi<Invitation>(`/v1/auth/organization/get-invitation?id=${encodeURIComponent(id)}`);
  const action = useAction();
  const accept = () =>
    action.run(async () => {
      await post('/v1/auth/organization/accept-invitation', { invitationId: id });
      await switchWorkspace(inv.data!.organizationId);
      toast(`You joined ${inv.data!.organizationName ?? 'the workspace'}.`);
      navigate('/leads');
    });
  const decline = () =>
    action.run(async () => {
      await post('/v1/auth/organization/reject-invitation', { invitationId: id });
      await refreshMe();
      navigate('/');
    });
  return (
    <section>
      <h1>Invitation</h1>
      {inv.loading && <Loading />}
      {inv.error && (
        <div class="card">
          <p class="error" role="alert">
            This invitation cannot be opened as {email}: {inv.error}
          </p>
          <p>
            It may have been sent to another address, cancelled, or already accepted.{' '}
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign in as someone else
            </button>{' '}
            or <a {...link('/')}>go to your workspace</a>.
          </p>
        </div>
      )}
      {inv.data && (
        <div class="card">
          <p>
            {inv.data.inviterEmail ? `${inv.data.inviterEmail} invites you` : 'You are invited'} to join{' '}
            <strong>{inv.data.organizationName ?? 'a workspace'}</strong> as <strong>{inv.data.role}</strong>.
          </p>
          {inv.data.status !== 'pending' ? (
            <p class="muted">This invitation is {inv.data.status}.</p>
          ) : (
            <div class="button-row">
              <button type="button" onClick={accept} disabled={action.busy}>
                Accept and join
              </button>
              <button type="button" class="secondary" onClick={decline} disabled={action.busy}>
                Decline
              </button>
            </div>
          )}
          <ErrorNote error={action.error} />
        </div>
      )}
    </section>
  );
}
