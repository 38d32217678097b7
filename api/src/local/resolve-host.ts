/** Node's half of the SSRF guard: every address a host name resolves to (IPv4 and IPv6). */
import { lookup } from 'node:dns/promises';

export async function resolveHost(hostname: string): Promise<string[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}
