/**
 * What happens after each delivery attempt: success, a retry later (exponential backoff with jitter),
 * or giving up. Pure: the caller passes `now` and, for tests, the random source.
 */

/** Wait after the 1st, 2nd, … failed attempt. About 45 hours end to end, so a receiver can be down over a weekend night. */
export const RETRY_DELAYS_MS = [
  10_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  6 * 3600_000,
  12 * 3600_000,
  24 * 3600_000,
] as const;

/** The first attempt plus one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Each delay is stretched or shrunk by up to this share, so receivers that come back are not hit by every sender at once. */
export const JITTER = 0.1;

/** How long one attempt may take, connection to last byte. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * A claimed delivery is not due again for this long. It exceeds the attempt timeout by a wide margin,
 * so a second tick cannot take a delivery that is still being sent; a sender that crashed mid-attempt
 * leaves it due again once the lease runs out.
 */
export const LEASE_MS = 60_000;

export interface AttemptResult {
  /** The HTTP status, or null when no response came (network error, timeout, refused target). */
  statusCode: number | null;
}

export type AttemptVerdict =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: Date }
  | { status: 'failed' /** 410 Gone: the receiver says the endpoint is gone for good. */; gone: boolean };

/**
 * The verdict after attempt number `attempts` (1-based). 2xx is success; 410 stops at once; anything
 * else, a redirect included (we never follow them), is retried until MAX_ATTEMPTS.
 */
export function judgeAttempt(
  result: AttemptResult,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): AttemptVerdict {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { status: 'delivered' };
  if (code === 410) return { status: 'failed', gone: true };
  const next = nextAttemptAt(attempts, now, random);
  return next ? { status: 'pending', nextAttemptAt: next } : { status: 'failed', gone: false };
}

/** When to try again after `attempts` failed attempts, or null when there are no tries left. */
export function nextAttemptAt(attempts: number, now: Date, random: () => number = Math.random): Date | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const factor = 1 - JITTER + 2 * JITTER * random();
  return new Date(now.getTime() + Math.round(base * factor));
}
