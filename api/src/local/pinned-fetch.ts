/**
 * Node's half of the SSRF guard: a fetch for webhook and Slack targets that checks the addresses a
 * host name resolves to in the very lookup the connection uses. Checking first and connecting later
 * would leave a gap a DNS answer can change in (rebinding: public for the check, 127.0.0.1 for the
 * connect); here the address checked is the address connected to.
 */
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { refuseResolvedAddresses } from '../domain/ssrf';

export type TargetFetch = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<Response>;
type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: ResolveAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// Statuses a Response may not carry a body with.
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * @param resolveAll the resolver (the system's by default; tests pass their own answers)
 * @param refuse why these addresses may not be connected to, or null (domain/ssrf.ts by default)
 */
export function pinnedFetch(
  resolveAll: ResolveAll = systemResolve,
  refuse: (addresses: string[]) => string | null = refuseResolvedAddresses,
): TargetFetch {
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolveAll(hostname).then(
      (answers) => {
        const refusal = refuse(answers.map((a) => a.address));
        if (refusal)
          return callback(Object.assign(new Error(`refused: ${refusal}`), { code: 'ETARGETREFUSED' }), '', 0);
        if (options.all) return (callback as (err: null, addresses: LookupAddress[]) => void)(null, answers);
        callback(null, answers[0]!.address, answers[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
  // Own connection pools: a kept-alive socket is always one this lookup checked, never one another
  // part of the process opened to the same host.
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const request = secure ? https.request : http.request;
      const agent = secure ? agents.https : agents.http;
      const req = request(
        url,
        { method: init.method, headers: init.headers, agent, lookup, signal: init.signal },
        (res) => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 502;
          if (NO_BODY.has(status)) res.resume();
          const body = NO_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          resolve(new Response(body, { status, headers }));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
