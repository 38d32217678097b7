/**
 * Creating an account: name, email, password and the workspace it owns (the API makes it from
 * `workspaceName` in the same request). Someone invited (`?invitation=ID`) makes no workspace: the
 * sign-up carries the `invitationId` instead, and they come back to the invitation to accept it.
 */
import { useState } from 'preact/hooks';
import { post } from '../api';
import { appUrl, refreshMe } from '../auth';
import { link, navigate, useQuery } from '../router';
import { AuthCard } from '../sign-in';
import { TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';

export default function SignUpPage() {
  const { invitation } = useQuery();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/auth/sign-up/email', {
        name: name.trim(),
        email: email.trim(),
        password,
        ...(invitation ? { invitationId: invitation } : { workspaceName: workspace.trim() }),
        callbackURL: appUrl('/?verified=1'),
      });
      if (invitation) {
        await refreshMe();
        navigate(`/accept-invitation/${encodeURIComponent(invitation)}`, { replace: true });
        return;
      }
      await refreshMe();
      navigate('/', { replace: true });
    });
  };
  return (
    <AuthCard title={invitation ? 'Create an account to join' : 'Create your Inlet account'}>
      <form onSubmit={submit} aria-label="Create an account">
        <TextInput label="Name" autoComplete="name" value={name} onValue={setName} required />
        <TextInput label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} required />
        <TextInput
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          help="At least 10 characters."
          required
        />
        {!invitation && (
          <TextInput
            label="Workspace name"
            autoComplete="organization"
            value={workspace}
            onValue={setWorkspace}
            help="Your company or team; you can rename it later."
            required
          />
        )}
        <ErrorNote error={action.error} />
        <div class="button-row">
          <button type="submit" disabled={action.busy}>
            Create account
          </button>
        </div>
      </form>
      <p class="muted">
        Already have an account?{' '}
        <a {...link(invitation ? `/accept-invitation/${encodeURIComponent(invitation)}` : '/sign-in')}>Sign in</a>
      </p>
    </AuthCard>
  );
}
