/** People in API tests: sign up, sign in, and call the API with a session cookie like the dashboard. */
import { expect } from 'vitest';
import { listCaughtMail } from '../../api/src/mail/index';
import { type Harness, PUBLIC_URL } from './harness';

export interface Person {
  email: string;
  password: string;
  name: string;
  /** `inlet.session_token=…`, ready for a Cookie header. */
  cookie: string;
  userId: string;
  /** Calls the API as the dashboard does: session cookie and the dashboard's Origin. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

let counter = 0;
export const uniqueEmail = (label = 'person') => `${label}.${Date.now()}.${++counter}@example.com`;
export const PASSWORD = 'correct horse battery';

/** The session cookie a response set, as `name=value` (null when it set none). */
export function sessionCookie(res: Response): string | null {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0]!;
    if (pair.startsWith('inlet.session_token=') && pair.length > 'inlet.session_token='.length) return pair;
  }
  return null;
}

export function authPost(h: Harness, path: string, body: unknown, headers: Record<string, string> = {}) {
  return h.request(`/v1/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_URL, ...headers },
    body: JSON.stringify(body),
  });
}

function personApi(h: Harness, cookie: string): Person['api'] {
  return (path, init = {}) =>
    h.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        cookie,
        origin: PUBLIC_URL,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

export async function signUp(
  h: Harness,
  opts: { email?: string; name?: string; password?: string; workspaceName?: string } = {},
): Promise<Person & { workspaceId: string }> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? PASSWORD;
  const name = opts.name ?? 'Pat Doe';
  const res = await authPost(h, '/sign-up/email', {
    name,
    email,
    password,
    workspaceName: opts.workspaceName ?? 'Acme',
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = sessionCookie(res)!;
  expect(cookie).toBeTruthy();
  const api = personApi(h, cookie);
  const me = (await (await api('/v1/me')).json()) as { user: { id: string }; workspace: { id: string } };
  return { email, password, name, cookie, userId: me.user.id, workspaceId: me.workspace.id, api };
}

export async function signIn(h: Harness, email: string, password: string): Promise<Person> {
  const res = await authPost(h, '/sign-in/email', { email, password });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = sessionCookie(res)!;
  const api = personApi(h, cookie);
  const me = (await (await api('/v1/me')).json()) as { user: { id: string } };
  return { email, password, name: '', cookie, userId: me.user.id, api };
}

/** The first link in the newest caught mail of this kind to this address. */
export async function mailLink(h: Harness, to: string, kind: string): Promise<string> {
  const mails = await listCaughtMail(h.handle.db, { to });
  const mail = mails.find((m) => m.kind === kind);
  expect(mail, `a ${kind} mail to ${to}`).toBeTruthy();
  return /https?:\/\/\S+/.exec(mail!.text)![0];
}

/** Follows the verification link the person was sent. */
export async function verifyEmail(h: Harness, person: { email: string }) {
  const link = new URL(await mailLink(h, person.email, 'verify_email'));
  const res = await h.request(link.pathname + link.search);
  expect(res.status).toBe(302);
}

/** Invites `email` into the inviter's active workspace; answers the invitation id. */
export async function invite(inviter: Person, email: string, role: string): Promise<Response> {
  return inviter.api('/v1/auth/organization/invite-member', { body: { email, role } });
}
