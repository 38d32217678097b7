/**
 * The Node runner's SSRF guard at connect time: the addresses checked are the ones the connection
 * uses, so a DNS answer that changes between attempts (rebinding) cannot slip a private address
 * past the check. A real receiver on 127.0.0.1 and a resolver whose answers the test controls.
 */
import type { LookupAddress } from 'node:dns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardedPost } from '../../api/src/jobs/guarded-post';
import { pinnedFetch } from '../../api/src/local/pinned-fetch';
import { startReceiver, type Receiver } from '../helpers/receiver';

describe('pinned fetch for webhook targets', () => {
  let r: Receiver;
  beforeEach(async () => {
    r = await startReceiver();
  });
  afterEach(() => r.close());

  /** A resolver that answers each lookup with the next address given, and counts the lookups. */
  function dns(...answers: string[]) {
    const asked: string[] = [];
    const resolve = async (hostname: string): Promise<LookupAddress[]> => {
      asked.push(hostname);
      return [{ address: answers[Math.min(asked.length - 1, answers.length - 1)]!, family: 4 }];
    };
    return { resolve, asked };
  }
  // The receiver listens on 127.0.0.1: this test lets that one loopback address through and no other.
  const onlyReceiver = (addresses: string[]) =>
    addresses.every((a) => a === '127.0.0.1') ? null : `${addresses.join(', ')} is not the receiver`;
  const post = (fetch: ReturnType<typeof pinnedFetch>, path = '/hooks') =>
    guardedPost(
      {
        url: `https://hooks.example.com:${new URL(r.url).port}${path}`,
        headers: { 'webhook-id': 'msg_1' },
        body: '{}',
      },
      { targetFetch: (url, init) => fetch(new URL(url.href.replace('https:', 'http:')), init), timeoutMs: 2000 },
    );

  it('connects to the address it checked, with the name as the Host', async () => {
    const { resolve, asked } = dns('127.0.0.1');
    const result = await post(pinnedFetch(resolve, onlyReceiver));
    expect(result).toEqual({ statusCode: 204, error: null });
    expect(asked).toEqual(['hooks.example.com']); // one lookup: the connection's own
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.headers.host).toBe(`hooks.example.com:${new URL(r.url).port}`);
    expect(r.requests[0]!.headers['webhook-id']).toBe('msg_1');
  });

  it('refuses a name that now resolves elsewhere (rebinding), without connecting', async () => {
    const { resolve, asked } = dns('127.0.0.1', '127.0.0.9');
    const fetch = pinnedFetch(resolve, onlyReceiver);
    // A kept-alive connection stays with the address it was checked for; a new one looks up again.
    r.answer(204, { connection: 'close' });
    expect((await post(fetch)).statusCode).toBe(204);
    const second = await post(fetch);
    expect(second).toEqual({ statusCode: null, error: 'refused: 127.0.0.9 is not the receiver' });
    expect(asked).toHaveLength(2);
    expect(r.requests).toHaveLength(1);
  });

  it('refuses loopback and private answers with the default rules', async () => {
    for (const address of ['127.0.0.1', '10.0.0.5', '169.254.169.254']) {
      const result = await post(pinnedFetch(dns(address).resolve));
      expect(result.statusCode, address).toBeNull();
      expect(result.error, address).toMatch(/^refused: /);
    }
    expect(r.requests).toHaveLength(0);
  });

  it('reports a non-2xx answer and its body like the global fetch does', async () => {
    r.answer(503);
    const result = await post(pinnedFetch(dns('127.0.0.1').resolve, onlyReceiver));
    expect(result).toEqual({ statusCode: 503, error: 'HTTP 503: receiver says 503' });
  });
});
