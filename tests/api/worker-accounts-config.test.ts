/**
 * The Workers entry's accounts configuration: INLET_AUTH_SECRET is required, and a deployment
 * without it refuses only what needs it (with a problem naming the secret), keeping intake and keys.
 */
import { describe, expect, it } from 'vitest';
import { createTenant } from '../../api/src/db/queries/tenants';
import { createNodeApp } from '../../api/src/local/node-app';
import { accountsFromEnv } from '../../api/src/worker';
import { openTestDb } from '../helpers/db';

describe('INLET_AUTH_SECRET and INLET_PUBLIC_URL on Workers', () => {
  it('takes both from the environment, the public URL defaulting to the request origin', () => {
    const secret = 's'.repeat(40);
    expect(
      accountsFromEnv({ INLET_AUTH_SECRET: secret, INLET_PUBLIC_URL: 'https://app.example.com/' }, 'https://x.dev/v1'),
    ).toEqual({ secret, publicUrl: 'https://app.example.com' });
    expect(accountsFromEnv({ INLET_AUTH_SECRET: secret }, 'https://inlet.example.workers.dev/v1/me').publicUrl).toBe(
      'https://inlet.example.workers.dev',
    );
  });

  it('without a secret, sign-in answers a problem naming it while secret keys keep working', async () => {
    const handle = await openTestDb('pglite');
    try {
      const accounts = accountsFromEnv({ INLET_AUTH_SECRET: 'short' }, 'http://localhost/');
      expect(() => accounts.secret).toThrow(/INLET_AUTH_SECRET is shorter than 32 characters/);
      const { app } = createNodeApp({ handle, accounts });
      const signIn = await app.request('/v1/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ email: 'a@example.com', password: 'whatever password' }),
      });
      expect(signIn.status).toBe(500);
      expect(signIn.headers.get('content-type')).toContain('application/problem+json');
      expect(((await signIn.json()) as { detail: string }).detail).toContain('INLET_AUTH_SECRET');
      const { secretKey } = await createTenant(handle.db, { name: 'Keyed' }, new Date());
      const leads = await app.request('/v1/leads', { headers: { authorization: `Bearer ${secretKey}` } });
      expect(leads.status).toBe(200);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
