/** The signed-in person's own account: their sessions (end the others) and changing the password. */
import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { TextInput } from '../ui/field';
import { ErrorNote, Loading, useAction } from '../ui/page';
import { type Column, Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

interface Session {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  userAgent?: string | null;
  ipAddress?: string | null;
}

/** A short, readable name for a browser from its user agent. */
const browserOf = (ua?: string | null) =>
  !ua
    ? 'Unknown browser'
    : (['Edg', 'Firefox', 'Chrome', 'Safari'].find((b) => ua.includes(b))?.replace('Edg', 'Edge') ?? 'Browser') +
      (/Android|iPhone|iPad/.test(ua) ? ' on a phone' : '');

export function MySessions() {
  const sessions = useApi('sessions', async () => {
    const [list, current] = await Promise.all([
      get<Session[]>('/v1/auth/list-sessions'),
      get<{ session: { id: string } } | null>('/v1/auth/get-session'),
    ]);
    return { list, currentId: current?.session.id };
  });
  const action = useAction();
  const endOthers = () =>
    action.run(async () => {
      await post('/v1/auth/revoke-other-sessions');
      toast('Your other sessions are ended.');
      sessions.reload();
    });
  const end = (s: Session) =>
    action.run(async () => {
      await post('/v1/auth/revoke-session', { token: s.token });
      toast('That session is ended.');
      sessions.reload();
    });
  const currentId = sessions.data?.currentId;
  const columns: Column<Session>[] = [
    {
      label: 'Browser',
      cell: (s) => (
        <>
          {browserOf(s.userAgent)}
          {s.id === currentId && (
            <>
              {' '}
              <span class="badge">this browser</span>
            </>
          )}
        </>
      ),
    },
    { label: 'Address', cell: (s) => s.ipAddress || '—' },
    { label: 'Signed in', cell: (s) => new Date(s.createdAt).toLocaleString() },
    {
      label: 'Actions',
      class: 'narrow',
      cell: (s) =>
        s.id === currentId ? null : (
          <button type="button" class="danger small" onClick={() => end(s)} disabled={action.busy}>
            End<span class="sr-only"> this session</span>
          </button>
        ),
    },
  ];
  const others = (sessions.data?.list.length ?? 0) > 1;
  return (
    <section class="card" aria-labelledby="sessions-h">
      <h2 id="sessions-h">Your sessions</h2>
      {sessions.loading && !sessions.data && <Loading />}
      <ErrorNote error={sessions.error} />
      {sessions.data && (
        <Table caption="Your sessions" columns={columns} rows={sessions.data.list} rowKey={(s) => s.id} />
      )}
      {others && (
        <div class="button-row">
          <button type="button" class="danger" onClick={endOthers} disabled={action.busy}>
            End all other sessions
          </button>
        </div>
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}

export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/auth/change-password', {
        currentPassword: current,
        newPassword: next,
        revokeOtherSessions: true,
      });
      setCurrent('');
      setNext('');
      toast('Password changed; your other sessions are ended.');
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="password-h">
      <h2 id="password-h">Change password</h2>
      <TextInput
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
        required
      />
      <TextInput
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        onValue={setNext}
        help="At least 10 characters. Your other sessions end."
        required
      />
      <ErrorNote error={action.error} />
      <button type="submit" disabled={action.busy}>
        Change password
      </button>
    </form>
  );
}
