import { describe, expect, it } from 'vitest';
import { checkTargetUrl, isPublicAddress, refuseResolvedAddresses } from '../../api/src/domain/ssrf';

const strict = { allowPrivate: false };
const reasonFor = (url: string, policy = strict) => {
  const r = checkTargetUrl(url, policy);
  return r.ok ? null : r.reason;
};

describe('SSRF guard: URLs', () => {
  it.each([
    'https://hooks.example.com/inlet',
    'https://hooks.slack.com/services/T000/B000/XXXX',
    'https://example.com:8443/a?b=c',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
  ])('accepts %s', (url) => expect(reasonFor(url)).toBeNull());

  it.each([
    ['http://hooks.example.com/', 'must use https'],
    ['ftp://example.com/', 'must use https'],
    ['javascript:alert(1)', 'must use https'],
    ['not a url', 'must be an absolute URL'],
    ['https://user:pass@example.com/', 'must not carry credentials'],
    ['https://token@example.com/', 'must not carry credentials'],
    ['https://localhost/', 'must not point at an internal host name'],
    ['https://LOCALHOST./', 'must not point at an internal host name'],
    ['https://api.localhost/', 'must not point at an internal host name'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'must not point at an internal host name'],
    ['https://printer.local/', 'must not point at an internal host name'],
    ['https://intranet/', 'must use a public domain name'],
  ])('refuses %s (%s)', (url, reason) => expect(reasonFor(url)).toBe(reason));

  it.each([
    'https://127.0.0.1/',
    'https://127.1.2.3:8443/',
    'https://10.0.0.5/',
    'https://172.16.0.1/',
    'https://172.31.255.255/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/',
    'https://100.127.255.255/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[::]/',
    'https://[fc00::1]/',
    'https://[fd12:3456::1]/',
    'https://[fe80::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:169.254.169.254]/',
    'https://[::ffff:a00:1]/',
    // Numeric spellings the URL parser turns into 127.0.0.1.
    'https://2130706433/',
    'https://0x7f.1/',
    'https://017700000001/',
  ])('refuses the private address in %s', (url) =>
    expect(reasonFor(url)).toBe('must not point at a private, loopback or link-local address'),
  );

  it('keeps the public neighbours of private ranges', () => {
    for (const ip of ['172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '11.0.0.1', '169.253.0.1'])
      expect(isPublicAddress(ip)).toBe(true);
  });

  it('with private targets allowed (tests, local development) takes http and 127.0.0.1, still no credentials', () => {
    const open = { allowPrivate: true };
    expect(reasonFor('http://127.0.0.1:4000/hook', open)).toBeNull();
    expect(reasonFor('https://localhost/', open)).toBeNull();
    expect(reasonFor('http://u:p@127.0.0.1/', open)).toBe('must not carry credentials');
    expect(reasonFor('ftp://127.0.0.1/', open)).toBe('must use https');
  });

  it('refuses over-long URLs', () =>
    expect(reasonFor(`https://example.com/${'a'.repeat(2100)}`)).toMatch(/at most 2048/));
});

describe('SSRF guard: resolved addresses', () => {
  it('refuses a host when any address it resolves to is not public', () => {
    expect(refuseResolvedAddresses(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])).toBeNull();
    expect(refuseResolvedAddresses(['93.184.216.34', '10.1.2.3'])).toMatch(/non-public address \(10\.1\.2\.3\)/);
    expect(refuseResolvedAddresses(['::ffff:192.168.0.10'])).toMatch(/non-public/);
    expect(refuseResolvedAddresses(['fe80::1%eth0'])).toMatch(/non-public/);
    expect(refuseResolvedAddresses([])).toBe('host name did not resolve');
  });

  it('treats what it cannot parse as not public', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(isPublicAddress('1.2.3.256')).toBe(false);
    expect(isPublicAddress('1::2::3')).toBe(false);
  });

  it('looks inside NAT64 and 6to4 addresses', () => {
    expect(isPublicAddress('64:ff9b::a9fe:a9fe')).toBe(false); // 169.254.169.254
    expect(isPublicAddress('64:ff9b::808:808')).toBe(true); // 8.8.8.8
    expect(isPublicAddress('2002:7f00:1::')).toBe(false); // 127.0.0.1
  });
});
