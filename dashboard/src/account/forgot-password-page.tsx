/** Asks for a reset link by email. The answer is the same whether or not the address has an account. */
import { useState } from 'preact/hooks';
import { post } from '../api';
import { appUrl } from '../auth';
import { link } from '../router';
import { AuthCard } from '../sign-in';
import { TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/auth/request-password-reset', { email: email.trim(), redirectTo: appUrl('/reset-password') });
      setSent(true);
    });
  };
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <p role="status">If an account uses {email.trim()}, a link to choose a new password is on its way.</p>
      ) : (
        <form onSubmit={submit} aria-label="Reset your password">
          <TextInput label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} required />
          <ErrorNote error={action.error} />
          <div class="button-row">
            <button type="submit" disabled={action.busy}>
              Send the reset link
            </button>
          </div>
        </form>
      )}
      <p class="muted">
        <a {...link('/sign-in')}>Back to sign in</a>
      </p>
    </AuthCard>
  );
}
