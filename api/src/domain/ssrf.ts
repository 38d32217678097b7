/**
 * Server-side request forgery guard for the URLs Inlet posts to (webhook endpoints, Slack incoming
 * webhooks). A customer chooses the URL, so without this check a tenant could make our servers call
 * our own network: loopback admin ports, the cloud metadata service at 169.254.169.254, peers on a
 * private range. Pure: the DNS half lives with the sender, which passes the addresses it resolved to
 * `refuseResolvedAddresses`.
 *
 * @example checkTargetUrl('https://hooks.example.com/in', { allowPrivate: false }) // { ok: true, url }
 * @example checkTargetUrl('http://169.254.169.254/', { allowPrivate: false }).ok   // false
 */

export interface TargetPolicy {
  /** Tests and local development post to 127.0.0.1; production never does. Also allows plain http. */
  allowPrivate: boolean;
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

export const MAX_TARGET_URL_LENGTH = 2048;

// Names that only mean something inside a network (RFC 6761, RFC 6762, RFC 8375, cloud conventions).
const INTERNAL_SUFFIXES = ['.localhost', '.internal', '.local', '.localdomain', '.home.arpa'];

export function checkTargetUrl(raw: string, policy: TargetPolicy): TargetCheck {
  if (raw.length > MAX_TARGET_URL_LENGTH) return refuse(`must be at most ${MAX_TARGET_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) return refuse('must use https');
  if (url.username || url.password) return refuse('must not carry credentials');
  if (policy.allowPrivate) return { ok: true, url };

  // The WHATWG parser already turned 0x7f.1, 2130706433 and friends into dotted IPv4.
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const ip = ipLiteral(host);
  if (ip !== null)
    return isPublicAddress(ip)
      ? { ok: true, url }
      : refuse('must not point at a private, loopback or link-local address');
  if (host === 'localhost' || INTERNAL_SUFFIXES.some((s) => host.endsWith(s)))
    return refuse('must not point at an internal host name');
  // A single label ("intranet") is completed by the resolver's search domains: an internal name.
  if (!host.includes('.')) return refuse('must use a public domain name');
  return { ok: true, url };
}

/** The reason to refuse a host whose DNS answer holds any non-public address, or null when all are public. */
export function refuseResolvedAddresses(addresses: readonly string[]): string | null {
  if (addresses.length === 0) return 'host name did not resolve';
  const bad = addresses.find((a) => !isPublicAddress(a));
  return bad === undefined ? null : `host name resolves to a non-public address (${bad})`;
}

/** The address inside a URL host (`[::1]` → `::1`), or null when the host is a name. */
export function ipLiteral(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return parseIpv4(bare) || parseIpv6(bare) ? bare : null;
}

/** True only for an address that is globally routable; anything unparseable counts as not public. */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4) return isPublicV4(v4);
  const v6 = parseIpv6(address);
  return v6 ? isPublicV6(v6) : false;
}

const refuse = (reason: string): TargetCheck => ({ ok: false, reason });

// [first octets, prefix length]: "this network", RFC 1918, CGNAT, loopback, link-local (cloud metadata),
// IETF protocol assignments, documentation, benchmarking, multicast, reserved and broadcast.
const NON_PUBLIC_V4: [number[], number][] = [
  [[0], 8],
  [[10], 8],
  [[100, 64], 10],
  [[127], 8],
  [[169, 254], 16],
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 0, 2], 24],
  [[192, 168], 16],
  [[198, 18], 15],
  [[198, 51, 100], 24],
  [[203, 0, 113], 24],
  [[224], 4],
  [[240], 4],
];

function isPublicV4(octets: number[]): boolean {
  const value = toUint32(octets);
  return !NON_PUBLIC_V4.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (toUint32([...base, 0, 0, 0].slice(0, 4)) & mask) >>> 0;
  });
}

function isPublicV6(g: number[]): boolean {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const embeddedV4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  if (zeros(0, 5) && g[5] === 0xffff) return isPublicV4(embeddedV4(g[6]!, g[7]!)); // IPv4-mapped ::ffff:a.b.c.d
  if (zeros(0, 6)) return isPublicV4(embeddedV4(g[6]!, g[7]!)); // ::, ::1 and IPv4-compatible ::a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return isPublicV4(embeddedV4(g[6]!, g[7]!)); // NAT64
  if (g[0] === 0x2002) return isPublicV4(embeddedV4(g[1]!, g[2]!)); // 6to4
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return false; // link-local, old site-local
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return false; // documentation
  if (first === 0x0064 && g[1] === 0xff9b) return false; // local-use NAT64 64:ff9b:1::/48
  if (first === 0x0100 && zeros(1, 4)) return false; // discard-only 100::/64
  return true;
}

const toUint32 = (o: number[]) => ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;

function parseIpv4(s: string): number[] | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return null;
  const octets = s.split('.').map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Eight 16-bit groups, or null. Takes `::`, an embedded dotted IPv4 tail and a zone id (`%eth0`). */
function parseIpv6(input: string): number[] | null {
  const s = input.replace(/%.*$/, '');
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}
