/** Parts of the shell about the account: the verify-email banner and the screen for "no workspace yet". */
import { useState } from 'preact/hooks';
import { createWorkspace } from './account/workspaces';
import { post } from './api';
import { appUrl, type Me, switchWorkspace } from './auth';
import { TextInput } from './ui/field';
import { ErrorNote, useAction } from './ui/page';

export function AccountBanners({ me }: { me: Me }) {
  const action = useAction();
  const [sent, setSent] = useState(false);
  if (me.user.emailVerified) return null;
  const resend = () =>
    action.run(async () => {
      await post('/v1/auth/send-verification-email', { email: me.user.email, callbackURL: appUrl('/?verified=1') });
      setSent(true);
    });
  return (
    <section class="banner" aria-label="Verify your email">
      <p>
        <strong>Verify your email</strong>: open the link we sent to {me.user.email}. Inviting teammates needs a
        verified address.
      </p>
      <button type="button" class="secondary small" onClick={resend} disabled={action.busy}>
        Resend the link
      </button>
      {sent && <p role="status">Sent: check your inbox.</p>}
      <ErrorNote error={action.error} />
    </section>
  );
}

/**
 * A person with no active workspace (removed from it, or never in one) opens one of theirs, or
 * creates one.
 */
export function NoWorkspace({ me }: { me: Me }) {
  const [name, setName] = useState('');
  const action = useAction();
  const open = (id: string) => action.run(() => switchWorkspace(id));
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(() => createWorkspace(name.trim()));
  };
  return (
    <section>
      <h1>Create a workspace</h1>
      {me.workspaces.length > 0 ? (
        <div class="card">
          <h2>Your workspaces</h2>
          <div class="button-row">
            {me.workspaces.map((w) => (
              <button type="button" class="secondary" onClick={() => open(w.id)} disabled={action.busy}>
                Open {w.name}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <p>You are not in a workspace yet. Open an invitation link from your email, or start your own workspace.</p>
      )}
      <form class="card" onSubmit={submit} aria-label="Create a workspace">
        <TextInput label="Workspace name" value={name} onValue={setName} required />
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy}>
          Create workspace
        </button>
      </form>
    </section>
  );
}
