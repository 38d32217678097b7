/**
 * Confirms an address from the emailed link when it points here (`?token=…`); a link that points at
 * the API verifies there and comes back to the dashboard, where /v1/me then says the email is verified.
 */
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { refreshMe, useMe } from '../auth';
import { link, useQuery } from '../router';
import { AuthCard } from '../sign-in';
import { ErrorNote, Loading } from '../ui/page';

export default function VerifyEmailPage() {
  const { token } = useQuery();
  const me = useMe();
  const [state, setState] = useState<'checking' | 'done' | string>('checking');
  useEffect(() => {
    if (!token) return setState('This link has no token: open the link from the email.');
    get(`/v1/auth/verify-email?token=${encodeURIComponent(token)}`)
      .then(() => refreshMe())
      .then(() => setState('done'))
      .catch((e: Error) => setState(e.message || 'This link is not valid any more.'));
  }, [token]);
  const body =
    state === 'checking' ? (
      <Loading what="Checking the link…" />
    ) : state === 'done' ? (
      <p role="status">
        Your email is verified. <a {...link(me ? '/' : '/sign-in')}>{me ? 'Continue' : 'Sign in'}</a>
      </p>
    ) : (
      <ErrorNote error={state} />
    );
  return me ? (
    <section>
      <h1>Verify your email</h1>
      {body}
    </section>
  ) : (
    <AuthCard title="Verify your email">{body}</AuthCard>
  );
}
