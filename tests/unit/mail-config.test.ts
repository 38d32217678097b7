/** The email settings as the local runner reads them from the environment. */
import { describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../api/src/local/config';

describe('mail configuration', () => {
  it('catches email when no provider is set, and takes INLET_PUBLIC_URL without its trailing slash', () => {
    const c = readLocalConfig({ INLET_PUBLIC_URL: 'https://inlet.example/' });
    expect(c.mail).toBeUndefined();
    expect(c.publicUrl).toBe('https://inlet.example');
    expect(readLocalConfig({}).publicUrl).toBeUndefined();
  });

  it("reads Resend's settings, with Resend's API as the default URL", () => {
    const env = {
      INLET_MAIL_PROVIDER: 'resend',
      INLET_MAIL_API_KEY: 're_1',
      INLET_MAIL_FROM: 'Inlet <m@inlet.example>',
    };
    expect(readLocalConfig(env).mail).toEqual({
      provider: 'resend',
      apiKey: 're_1',
      from: 'Inlet <m@inlet.example>',
      apiUrl: 'https://api.resend.com',
    });
    expect(readLocalConfig({ ...env, INLET_MAIL_API_URL: 'http://127.0.0.1:9999' }).mail?.apiUrl).toBe(
      'http://127.0.0.1:9999',
    );
  });

  it('refuses a half-configured or unknown provider', () => {
    expect(() => readLocalConfig({ INLET_MAIL_PROVIDER: 'resend' })).toThrow(
      'INLET_MAIL_PROVIDER=resend needs INLET_MAIL_API_KEY and INLET_MAIL_FROM as well.',
    );
    expect(() => readLocalConfig({ INLET_MAIL_PROVIDER: 'smtp' })).toThrow(/INLET_MAIL_PROVIDER/);
    expect(() => readLocalConfig({ INLET_PUBLIC_URL: 'ftp://x' })).toThrow(/INLET_PUBLIC_URL/);
  });
});
