/**
 * A small closed-loop load driver: `clients` concurrent loops each send one request, wait for the
 * answer, send the next, for `seconds`. Latencies per request, throughput over the whole window.
 */
import { percentile } from './lib';

export interface LoadResult {
  clients: number;
  requests: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

export async function closedLoop(
  clients: number,
  seconds: number,
  send: (client: number, i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        const ok = await send(client, i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    errors,
  };
}

/** One submission to the form's public endpoint; true when stored (201). The body is read to the end, as a browser would. */
export async function postSubmission(url: string, body: string, idempotencyKey?: string): Promise<boolean> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status === 201;
}
