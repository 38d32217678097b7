/** People, sessions and workspaces through /v1/auth, and the session as a credential for /v1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaughtMail } from '../../api/src/mail/index';
import { authPost, PASSWORD, sessionCookie, signIn, signUp, uniqueEmail } from '../helpers/accounts';
import { testDbKinds } from '../helpers/db';
import { createHarness, type Harness, seedTenant } from '../helpers/harness';

const PROBLEM = 'application/problem+json';

describe.each(testDbKinds)('accounts on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  }, 60_000);
  afterAll(() => h.close());

  it('signs up into a new workspace the person owns, signed in with it active', async () => {
    const email = uniqueEmail('owner');
    const person = await signUp(h, { email, name: 'Olive Owner', workspaceName: 'Olive & Co' });
    const me = await (await person.api('/v1/me')).json();
    expect(me).toEqual({
      user: { id: person.userId, name: 'Olive Owner', email, emailVerified: false },
      workspace: { id: person.workspaceId, name: 'Olive & Co' },
      role: 'owner',
      workspaces: [{ id: person.workspaceId, name: 'Olive & Co', role: 'owner' }],
    });
    expect(person.workspaceId).toMatch(/^ten_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(person.userId).toMatch(/^usr_/);
    // The workspace works like any tenant: it has the default pipeline and an empty lead list.
    expect((await person.api('/v1/pipeline/stages')).status).toBe(200);
    const leads = await person.api('/v1/leads');
    expect(leads.status).toBe(200);
    expect(await leads.json()).toEqual({ data: [], nextCursor: null });
    // The verification email went out, with a link that verifies.
    const [mail] = await listCaughtMail(h.handle.db, { to: email });
    expect(mail?.kind).toBe('verify_email');
    const link = /https?:\/\/\S+/.exec(mail!.text)![0];
    const verified = await h.request(link.replace('http://localhost', ''));
    expect(verified.status).toBe(302);
    expect(
      ((await (await person.api('/v1/me')).json()) as { user: { emailVerified: boolean } }).user.emailVerified,
    ).toBe(true);
  });

  it('refuses a sign-up without a workspace name as problem+json', async () => {
    const res = await authPost(h, '/sign-up/email', { name: 'N', email: uniqueEmail(), password: PASSWORD });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(((await res.json()) as any).type).toBe('https://inlet.dev/problems/validation-failed');
  });

  it('signs in, and answers a wrong password with 401 invalid-credentials', async () => {
    const person = await signUp(h);
    const again = await signIn(h, person.email, PASSWORD);
    const me = (await (await again.api('/v1/me')).json()) as any;
    expect(me.workspace.id).toBe(person.workspaceId);
    expect(me.role).toBe('owner');
    const wrong = await authPost(h, '/sign-in/email', { email: person.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain(PROBLEM);
    const body = (await wrong.json()) as any;
    expect(body.type).toBe('https://inlet.dev/problems/invalid-credentials');
    expect(sessionCookie(wrong)).toBeNull();
  });

  it('keeps secret keys working next to sessions, and /v1/me answers for a key', async () => {
    const tenant = await seedTenant(h, 'Keyed');
    const res = await tenant.api('/v1/me');
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me).toEqual({
      key: { id: expect.stringMatching(/^key_/), scopes: ['full'] },
      workspace: { id: tenant.tenantId, name: 'Keyed' },
    });
  });

  it('answers 401 for a forged or unknown session cookie', async () => {
    const res = await h.request('/v1/leads', { headers: { cookie: 'inlet.session_token=abc.def' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
  });
});

describe('the accounts routes in /openapi.json', () => {
  it('describes every auth operation the dashboard uses, each with an operationId', async () => {
    const h = await createHarness('pglite');
    try {
      const doc = (await (await h.request('/openapi.json')).json()) as {
        paths: Record<string, Record<string, { operationId?: string }>>;
        components: { securitySchemes: Record<string, unknown> };
      };
      const auth = Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/auth/') || p === '/v1/me');
      expect(auth.length).toBeGreaterThanOrEqual(20);
      for (const [path, ops] of auth)
        for (const [method, op] of Object.entries(ops)) expect(op.operationId, `${method} ${path}`).toBeTruthy();
      expect(doc.paths['/v1/auth/sign-in/email']?.post?.operationId).toBe('signIn');
      expect(doc.paths['/v1/me']?.get?.operationId).toBe('getMe');
      expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    } finally {
      await h.close();
    }
  }, 60_000);
});
