/** The emailed reset link lands here (`?token=…`, or `?error=INVALID_TOKEN` when it expired or was used). */
import { useState } from 'preact/hooks';
import { post } from '../api';
import { link, useQuery } from '../router';
import { AuthCard } from '../sign-in';
import { TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';

export default function ResetPasswordPage() {
  const { token, error } = useQuery();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/auth/reset-password', { token, newPassword: password });
      setDone(true);
    });
  };
  return (
    <AuthCard title="Choose a new password">
      {done ? (
        <p role="status">
          Your password is changed. <a {...link('/sign-in')}>Sign in</a> with it.
        </p>
      ) : !token || error ? (
        <p class="error" role="alert">
          This reset link is not valid any more (links work once, for a limited time).{' '}
          <a {...link('/forgot-password')}>Ask for a new one</a>.
        </p>
      ) : (
        <form onSubmit={submit} aria-label="Choose a new password">
          <TextInput
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onValue={setPassword}
            help="At least 10 characters."
            required
          />
          <ErrorNote error={action.error} />
          <div class="button-row">
            <button type="submit" disabled={action.busy}>
              Change password
            </button>
          </div>
        </form>
      )}
    </AuthCard>
  );
}
