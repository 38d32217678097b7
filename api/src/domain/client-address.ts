/**
 * Who a request comes from, for per-client limits: the address a trusted proxy saw (INLET_TRUST_PROXY,
 * Node only) and the group it is counted in. IPv6 clients are grouped by their /64: one home or office
 * gets a whole /64 and may use any address in it, so counting single addresses would let one client
 * rotate through 2^64 buckets.
 */

export interface ForwardedHeaders {
  /** The socket's peer: the nearest proxy when there is one. */
  socketAddress: string;
  /** The socket's own scheme (`http` for the local runner). */
  socketProto: 'http' | 'https';
  forwardedFor: string | undefined;
  forwardedProto: string | undefined;
}

/**
 * With `trustedHops` N, the client is the address N hops back from the socket: each trusted proxy
 * appends the peer it saw to `X-Forwarded-For`, so only the last N entries are not the client's own
 * claims (Express's `trust proxy` = N). The scheme is read the same way from `X-Forwarded-Proto`
 * (a single value when each proxy overwrites it, as nginx's `$scheme` does). 0 trusts nothing.
 *
 * @example forwardedClient({ socketAddress: '10.0.0.2', socketProto: 'http',
 *   forwardedFor: '6.6.6.6, 203.0.113.7', forwardedProto: 'https' }, 1) // { address: '203.0.113.7', proto: 'https' }
 */
export function forwardedClient(
  h: ForwardedHeaders,
  trustedHops: number,
): { address: string; proto: 'http' | 'https' } {
  if (trustedHops <= 0) return { address: h.socketAddress, proto: h.socketProto };
  const hops = [...splitList(h.forwardedFor).map(withoutPort), h.socketAddress];
  const address = hops[Math.max(0, hops.length - 1 - trustedHops)]!;
  const protos = splitList(h.forwardedProto).map((p) => p.toLowerCase());
  const claimed = protos[Math.max(0, protos.length - trustedHops)];
  const proto = claimed === 'http' || claimed === 'https' ? claimed : h.socketProto;
  return { address, proto };
}

const splitList = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Some proxies write `203.0.113.7:52110` or `[2001:db8::1]:443`. */
function withoutPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4 ? v4[1]! : hop;
}

/**
 * The key a client is counted under: an IPv4 address as it is (also when written IPv4-mapped,
 * `::ffff:1.2.3.4`), an IPv6 address as its /64 (`2001:db8:0:1::/64`, however it was written: any
 * compression or case, a zone id). Anything else (`unknown`) is returned unchanged.
 */
export function clientGroup(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (isIpv4(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return address;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(s: string): number[] | null {
  if (!s.includes(':') || s.split('::').length > 2) return null;
  const hex = (part: string) => (part ? part.split(':') : []);
  let [head, tail] = s.includes('::') ? s.split('::').map(hex) : [hex(s), null];
  const last = (tail ?? head)!.at(-1);
  if (last?.includes('.')) {
    // A dotted IPv4 tail is the last two groups.
    if (!isIpv4(last)) return null;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    const words = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    if (tail) tail = [...tail.slice(0, -1), ...words];
    else head = [...head!.slice(0, -1), ...words];
  }
  if (!head!.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) || !(tail ?? []).every((g) => /^[0-9a-f]{1,4}$/i.test(g)))
    return null;
  const missing = 8 - head!.length - (tail?.length ?? 0);
  if (tail ? missing < 1 : missing !== 0) return null;
  return [...head!, ...Array<string>(tail ? missing : 0).fill('0'), ...(tail ?? [])].map((g) => parseInt(g, 16));
}
