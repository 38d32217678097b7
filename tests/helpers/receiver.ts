/**
 * A real HTTP receiver on 127.0.0.1 for webhook and Slack deliveries: records every request and answers
 * as told (fail the next N, answer 410 from now on, be slow). Deliveries reach it over the network
 * exactly as they reach a customer's server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The status this receiver answered. */
  answered: number;
  /** performance.now() when the request had fully arrived (latency measurements in this process). */
  receivedAt: number;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>`; add any path (`${r.url}/hooks/a`), it is recorded. */
  url: string;
  requests: ReceivedRequest[];
  /** The next `n` requests answer `status` (default 500), then back to normal. */
  failNext(n: number, status?: number): void;
  /** Every request answers `status` from now on (204 is normal). */
  answer(status: number, headers?: Record<string, string>): void;
  /** Requests wait this long before answering. */
  delay(ms: number): void;
  /** Waits until at least `count` requests arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Requests grouped by `webhook-id` header (missing id under ''). */
  byMessageId(): Map<string, ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let standing = { status: 204, headers: {} as Record<string, string> };
  let delayMs = 0;
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let status = standing.status;
      if (failures.left > 0) {
        failures.left--;
        status = failures.status;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      );
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: status,
        receivedAt: performance.now(),
      });
      for (const w of waiters) w();
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'text/plain', ...standing.headers });
        res.end(status >= 400 ? `receiver says ${status}` : '');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (n, status = 500) => void (failures = { left: n, status }),
    answer: (status, headers = {}) => void (standing = { status, headers }),
    delay: (ms) => void (delayMs = ms),
    waitFor(count, timeoutMs = 5000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests);
        };
        waiters.add(check);
      });
    },
    byMessageId() {
      const out = new Map<string, ReceivedRequest[]>();
      for (const r of requests) {
        const id = r.headers['webhook-id'] ?? '';
        out.set(id, [...(out.get(id) ?? []), r]);
      }
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
