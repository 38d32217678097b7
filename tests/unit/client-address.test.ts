import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientGroup, forwardedClient } from '../../api/src/domain/client-address';

const word = fc.integer({ min: 0, max: 0xffff });
const ipv4 = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 255 }))).map((p) => p.join('.'));
/** Eight groups, never the IPv4-mapped prefix (::ffff:0:0/96 is an IPv4 client). */
const groups = fc
  .array(word, { minLength: 8, maxLength: 8 })
  .filter((g) => !(g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff));
const full = (g: number[]) => g.map((x) => x.toString(16).padStart(4, '0')).join(':');
/** The WHATWG URL parser writes the canonical compressed form (RFC 5952): an independent oracle. */
const compressed = (g: number[]) => new URL(`http://[${full(g)}]/`).hostname.slice(1, -1);
const zone = fc.constantFrom('', '%eth0', '%25en0', '%1');

describe('clientGroup', () => {
  it('keeps an IPv4 address as it is', () => {
    fc.assert(
      fc.property(ipv4, (a) => {
        expect(clientGroup(a)).toBe(a);
      }),
    );
  });

  it('puts every spelling of an IPv6 address in the same /64 group', () => {
    fc.assert(
      fc.property(groups, zone, fc.boolean(), (g, z, upper) => {
        const group = clientGroup(full(g));
        const spelled = compressed(g) + z;
        expect(clientGroup(upper ? spelled.toUpperCase() : spelled)).toBe(group);
        expect(clientGroup(`[${compressed(g)}]`)).toBe(group);
        expect(group).toBe(
          `${g
            .slice(0, 4)
            .map((x) => x.toString(16))
            .join(':')}::/64`,
        );
      }),
    );
  });

  it('groups addresses by their first 64 bits, and only by them', () => {
    fc.assert(
      fc.property(groups, groups, (a, b) => {
        const sameNetwork = [...a.slice(0, 4), ...b.slice(4)];
        expect(clientGroup(compressed(sameNetwork))).toBe(clientGroup(compressed(a)));
        const samePrefix = a.slice(0, 4).every((x, i) => x === b[i]);
        expect(clientGroup(compressed(a)) === clientGroup(compressed(b))).toBe(samePrefix);
      }),
    );
  });

  it('treats IPv4-mapped IPv6 as the IPv4 client, dotted or in hex', () => {
    fc.assert(
      fc.property(ipv4, (a) => {
        expect(clientGroup(`::ffff:${a}`)).toBe(a);
        expect(clientGroup(`0:0:0:0:0:FFFF:${a}`)).toBe(a);
        expect(clientGroup(new URL(`http://[::ffff:${a}]/`).hostname)).toBe(a);
      }),
    );
  });

  it('reads an embedded IPv4 tail as the last two groups of a non-mapped address', () => {
    expect(clientGroup('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(clientGroup('::1')).toBe('0:0:0:0::/64');
  });

  it('leaves what is not an address unchanged', () => {
    for (const s of ['unknown', '', '1.2.3', '256.1.1.1', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7'])
      expect(clientGroup(s)).toBe(s);
  });
});

describe('forwardedClient', () => {
  const socket = { socketAddress: '10.0.0.2', socketProto: 'http' as const };

  it('trusts nothing at 0: the socket address and scheme, whatever the headers claim', () => {
    expect(forwardedClient({ ...socket, forwardedFor: '203.0.113.7', forwardedProto: 'https' }, 0)).toEqual({
      address: '10.0.0.2',
      proto: 'http',
    });
  });

  it('takes the hop the trusted proxies saw, not what the client prepended', () => {
    const h = { ...socket, forwardedFor: '6.6.6.6, 203.0.113.7', forwardedProto: 'https' };
    expect(forwardedClient(h, 1)).toEqual({ address: '203.0.113.7', proto: 'https' });
    expect(forwardedClient({ ...h, forwardedFor: '6.6.6.6, 203.0.113.7, 10.0.0.1' }, 2).address).toBe('203.0.113.7');
    // Fewer hops than trusted: the farthest one there is.
    expect(forwardedClient({ ...h, forwardedFor: '203.0.113.7' }, 3).address).toBe('203.0.113.7');
    expect(forwardedClient({ ...h, forwardedFor: undefined }, 1).address).toBe('10.0.0.2');
  });

  it('drops ports and brackets from hops', () => {
    expect(
      forwardedClient({ ...socket, forwardedFor: '203.0.113.7:52110', forwardedProto: undefined }, 1).address,
    ).toBe('203.0.113.7');
    expect(
      forwardedClient({ ...socket, forwardedFor: '[2001:db8::1]:443', forwardedProto: undefined }, 1).address,
    ).toBe('2001:db8::1');
  });

  it('reads the scheme from the same hop, and ignores what is not http or https', () => {
    expect(forwardedClient({ ...socket, forwardedFor: 'a', forwardedProto: 'http, https' }, 1).proto).toBe('https');
    expect(forwardedClient({ ...socket, forwardedFor: 'a', forwardedProto: 'https, http' }, 2).proto).toBe('https');
    expect(forwardedClient({ ...socket, forwardedFor: 'a', forwardedProto: 'HTTPS' }, 1).proto).toBe('https');
    expect(forwardedClient({ ...socket, forwardedFor: 'a', forwardedProto: 'gopher' }, 1).proto).toBe('http');
  });
});
