/**
 * A fixed-window counter per key, in memory. In Node that is the whole server; on Workers it is one
 * isolate, so it blunts bursts from one client rather than enforcing a global quota (Cloudflare's
 * rate-limiting rules do that in front of the Worker).
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Returns 0 when allowed, or the seconds to wait. */
  take(key: string, nowMs: number): number {
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(nowMs);
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= this.limit ? 0 : Math.ceil((w.start + this.windowMs - nowMs) / 1000);
  }

  /** The seconds to wait if the key has used up its window, else 0; counts nothing (for limits on failures). */
  retryAfter(key: string, nowMs: number): number {
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs || w.count < this.limit) return 0;
    return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
  }

  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
