/**
 * The guards around accounts: sign-in limits per account and per client, CSRF on cookie writes,
 * cookie flags, one-time reset tokens, and sessions that end when the password changes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forms, verifications } from '../../api/src/db/schema';
import { authPost, mailLink, PASSWORD, sessionCookie, signIn, signUp, uniqueEmail } from '../helpers/accounts';
import { testDbKinds } from '../helpers/db';
import { createHarness, type Harness, PUBLIC_URL } from '../helpers/harness';

const PROBLEMS = 'https://inlet.dev/problems/';
const json = async (res: Response) => (await res.json()) as any;

describe.each(testDbKinds)('account guards on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, {
      authLimits: { failedSignInsPerAccount: 3, authAttemptsPerClientPerMinute: 10_000 },
    });
  }, 60_000);
  afterAll(() => h.close());

  it('locks an account after repeated failed sign-ins: 429 with Retry-After, even with the right password', async () => {
    const person = await signUp(h);
    for (let i = 0; i < 3; i++)
      expect((await authPost(h, '/sign-in/email', { email: person.email, password: 'wrong password!' })).status).toBe(
        401,
      );
    const locked = await authPost(h, '/sign-in/email', { email: person.email.toUpperCase(), password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(locked)).type).toBe(`${PROBLEMS}rate-limited`);
    // Another account from the same client is not locked; the window passing unlocks this one.
    const other = await signUp(h);
    expect((await authPost(h, '/sign-in/email', { email: other.email, password: PASSWORD })).status).toBe(200);
    h.clock.set(new Date(h.clock.now.getTime() + 16 * 60_000));
    expect((await authPost(h, '/sign-in/email', { email: person.email, password: PASSWORD })).status).toBe(200);
    h.clock.set(new Date());
  });

  it('refuses a cookie write from a foreign origin with 403 csrf before reading it, for any content type', async () => {
    const person = await signUp(h);
    const body = JSON.stringify({
      name: 'Evil',
      fields: [{ key: 'email', label: 'Email', type: 'email', required: true }],
      allowedOrigins: ['https://www.example.com'],
    });
    for (const [type, payload] of [
      ['application/json', body],
      ['text/plain', body],
      ['application/x-www-form-urlencoded', 'name=Evil'],
    ] as const) {
      for (const origin of ['http://localhost:9999', 'https://evil.example', undefined]) {
        const res = await h.request('/v1/forms', {
          method: 'POST',
          headers: { cookie: person.cookie, 'content-type': type, ...(origin ? { origin } : {}) },
          body: payload,
        });
        expect(res.status, `${type} from ${origin}`).toBe(403);
        expect((await json(res)).type).toBe(`${PROBLEMS}csrf`);
      }
    }
    // The body is never read: a stream that records a pull stays untouched.
    let pulled = false;
    const stream = new ReadableStream(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const unread = await h.request('/v1/forms', {
      method: 'POST',
      headers: { cookie: person.cookie, 'content-type': 'application/json', origin: 'http://localhost:9999' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(unread.status).toBe(403);
    expect(pulled).toBe(false);
    // The same write through better-auth's routes (sign-out, change of role) is refused alike.
    const signOut = await h.request('/v1/auth/sign-out', {
      method: 'POST',
      headers: { cookie: person.cookie, origin: 'http://localhost:9999', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(signOut.status).toBe(403);
    expect((await json(signOut)).type).toBe(`${PROBLEMS}csrf`);
    expect((await person.api('/v1/me')).status).toBe(200);
    const stored = await h.handle.db.select().from(forms).where(eq(forms.tenantId, person.workspaceId));
    expect(stored).toHaveLength(0);
    // From the dashboard's own origin the write goes through.
    const ok = await person.api('/v1/forms', { body: JSON.parse(body) });
    expect(ok.status).toBe(201);
  });

  it('sets HttpOnly, SameSite=Lax cookies, Secure over https only', async () => {
    const overHttp = await authPost(h, '/sign-up/email', {
      name: 'H',
      email: uniqueEmail(),
      password: PASSWORD,
      workspaceName: 'W',
    });
    const httpCookie = overHttp.headers.getSetCookie().find((c) => c.startsWith('inlet.session_token='))!;
    expect(httpCookie).toMatch(/HttpOnly/i);
    expect(httpCookie).toMatch(/SameSite=Lax/i);
    expect(httpCookie).not.toMatch(/Secure/i);

    const tls = await createHarness(kind, { publicUrl: 'https://app.example.com' });
    try {
      const overHttps = await tls.request('https://app.example.com/v1/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
        body: JSON.stringify({ name: 'S', email: uniqueEmail(), password: PASSWORD, workspaceName: 'W' }),
      });
      expect(overHttps.status).toBe(200);
      const cookies = overHttps.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
      expect(cookies.find((c) => c.startsWith('inlet.session_token='))).toMatch(/HttpOnly/i);
    } finally {
      await tls.close();
    }
  });

  it('a reset link works once, not after it expired, and ends every session', async () => {
    const person = await signUp(h);
    const elsewhere = await signIn(h, person.email, PASSWORD);
    const asked = await authPost(h, '/request-password-reset', { email: person.email });
    expect(asked.status).toBe(200);
    const link = new URL(await mailLink(h, person.email, 'reset_password'));
    expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/app/reset-password`);
    const token = link.searchParams.get('token')!;
    const reset = await authPost(h, '/reset-password', { token, newPassword: 'a brand new password' });
    expect(reset.status, await reset.clone().text()).toBe(200);
    expect((await person.api('/v1/me')).status).toBe(401);
    expect((await elsewhere.api('/v1/me')).status).toBe(401);
    const replay = await authPost(h, '/reset-password', { token, newPassword: 'yet another password' });
    expect(replay.status).toBe(400);
    expect((await json(replay)).type).toBe(`${PROBLEMS}invalid-token`);
    await signIn(h, person.email, 'a brand new password');

    // A token past its hour is refused (the row is aged: better-auth reads the system clock).
    await authPost(h, '/request-password-reset', { email: person.email });
    const second = new URL(await mailLink(h, person.email, 'reset_password')).searchParams.get('token')!;
    expect(second).not.toBe(token);
    await h.handle.db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifications.identifier, `reset-password:${second}`));
    const expired = await authPost(h, '/reset-password', { token: second, newPassword: 'too late password' });
    expect(expired.status).toBe(400);
    expect((await json(expired)).type).toBe(`${PROBLEMS}invalid-token`);
    await signIn(h, person.email, 'a brand new password');
  });

  it('changing the password ends the other sessions and keeps this one in its workspace', async () => {
    const person = await signUp(h);
    const other = await signIn(h, person.email, PASSWORD);
    const changed = await person.api('/v1/auth/change-password', {
      body: { currentPassword: PASSWORD, newPassword: 'changed password 1' },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await other.api('/v1/me')).status).toBe(401);
    const renewed = sessionCookie(changed)!;
    const me = await h.request('/v1/me', { headers: { cookie: renewed } });
    expect(me.status).toBe(200);
    expect((await json(me)).workspace.id).toBe(person.workspaceId);
  });

  it('lists sessions and revokes the others', async () => {
    const person = await signUp(h);
    const other = await signIn(h, person.email, PASSWORD);
    const listed = await json(await person.api('/v1/auth/list-sessions'));
    expect(listed).toHaveLength(2);
    const revoked = await person.api('/v1/auth/revoke-other-sessions', { body: {} });
    expect(revoked.status).toBe(200);
    expect((await other.api('/v1/leads')).status).toBe(401);
    expect((await person.api('/v1/leads')).status).toBe(200);
    expect(await json(await person.api('/v1/auth/list-sessions'))).toHaveLength(1);
  });
});

describe('the per-client sign-in limit', () => {
  it('answers 429 with Retry-After once one address has tried too often, whatever the account', async () => {
    const h = await createHarness('pglite', { authLimits: { authAttemptsPerClientPerMinute: 5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (await authPost(h, '/sign-in/email', { email: uniqueEmail(), password: 'whatever pass' })).status,
        );
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const res = await authPost(h, '/sign-in/email', { email: uniqueEmail(), password: 'whatever pass' });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  }, 60_000);
});
