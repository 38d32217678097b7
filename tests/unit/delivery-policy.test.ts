import { describe, expect, it } from 'vitest';
import { judgeAttempt, MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS } from '../../api/src/domain/delivery-policy';
import { topicMatches } from '../../api/src/domain/webhook-topics';

const now = new Date('2026-11-25T10:00:00Z');

describe('delivery policy', () => {
  it('retries after 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h, then gives up', () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([10, 60, 300, 1800, 7200, 21600, 43200, 86400]);
    expect(MAX_ATTEMPTS).toBe(9);
    expect(nextAttemptAt(1, now, () => 0.5)).toEqual(new Date(now.getTime() + 10_000));
    expect(nextAttemptAt(8, now, () => 0.5)).toEqual(new Date(now.getTime() + 86_400_000));
    expect(nextAttemptAt(9, now, () => 0.5)).toBeNull();
  });

  it('jitters each delay by at most 10 %', () => {
    expect(nextAttemptAt(2, now, () => 0)!.getTime() - now.getTime()).toBe(54_000);
    expect(nextAttemptAt(2, now, () => 0.999999)!.getTime() - now.getTime()).toBeCloseTo(66_000, -1);
  });

  it('judges answers: 2xx delivered, 410 gone, redirects and errors retried until the last attempt', () => {
    expect(judgeAttempt({ statusCode: 204 }, 1, now)).toEqual({ status: 'delivered' });
    expect(judgeAttempt({ statusCode: 410 }, 1, now)).toEqual({ status: 'failed', gone: true });
    for (const statusCode of [301, 302, 400, 500, null])
      expect(judgeAttempt({ statusCode }, 1, now).status).toBe('pending');
    expect(judgeAttempt({ statusCode: 500 }, MAX_ATTEMPTS, now)).toEqual({ status: 'failed', gone: false });
  });
});

describe('topic subscriptions', () => {
  it('match exact types, families and everything', () => {
    expect(topicMatches(['lead.created'], 'lead.created')).toBe(true);
    expect(topicMatches(['lead.created'], 'lead.assigned')).toBe(false);
    expect(topicMatches(['lead.*'], 'lead.sla_breached')).toBe(true);
    expect(topicMatches(['lead.*'], 'leads.created')).toBe(false);
    expect(topicMatches(['*'], 'capacity.closed')).toBe(true);
  });
});
