/**
 * Creating an account: name, email, password and the workspace it owns (the API makes it from
 * `workspaceName` in the same request). Someone invited (`?invitation=ID`) comes back to the
 * invitation afterwards to join that workspace too.
 */
import { useState } from 'preact/hooks';
import { post } from '../api';
import { appUrl, refreshMe } from '../auth';
import { link, navigate, useQuery } from '../router';
import { AuthCard } from '../sign-in';
import { TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { createWorkspace } from './workspaces';

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
        workspaceName: workspace.trim(),
        callbackURL: appUrl('/?verified=1'),
      });
      if (invitation) {
        await refreshMe();
        navigate(`/accept-invitation/${encodeURIComponent(invitation)}`, { replace: true });
        return;
      }
      const me = await refreshMe();
      if (me && !me.workspace) await createWorkspace(workspace.trim());
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
          help="At least 8 characters."
          required
        />
        <TextInput
          label="Workspace name"
          autoComplete="organization"
          value={workspace}
          onValue={setWorkspace}
          help={
            invitation
              ? 'Your own workspace; you join the one that invited you next.'
              : 'Your company or team; you can rename it later.'
          }
          required
        />
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
