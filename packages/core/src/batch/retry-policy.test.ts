import { describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy.js';

const NOW = Date.UTC(2026, 11, 3, 20, 0, 0);

describe('retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP date in GMT, and nothing else', () => {
    expect(parseRetryAfterMs('3', NOW)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfterMs('Thu, 03 Dec 2026 20:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfterMs('Thursday, 03-Dec-26 20:00:02 GMT', NOW)).toBe(2000);
    expect(parseRetryAfterMs('Thu Dec  3 20:00:01 2026', NOW)).toBe(1000);
    // A date already past means "now", never a negative wait.
    expect(parseRetryAfterMs('Thu, 03 Dec 2026 19:00:00 GMT', NOW)).toBe(0);
    // No zone, another zone, or a rolled-over date: unreadable, so the batch's own backoff applies.
    for (const text of [
      'Thu, 03 Dec 2026 20:00:05',
      'Thu, 03 Dec 2026 20:00:05 +0100',
      'Mon, 31 Feb 2026 20:00:00 GMT',
      'soon',
      '-1',
      '1.5',
    ])
      expect(parseRetryAfterMs(text, NOW)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
  });

  it('retries network-class failures, splits on 413 and refuses other 4xx', () => {
    expect([200, 204, 408, 413, 429, 500, 502, 503, 400, 401, 404].map(classifyStatus)).toEqual([
      'delivered',
      'delivered',
      'retry',
      'split',
      'retry',
      'retry',
      'retry',
      'retry',
      'reject',
      'reject',
      'reject',
    ]);
  });

  it('backs off with full jitter, capped, and waits at least what the server asked', () => {
    const backoff = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect([0, 1, 2, 10].map((retry) => retryDelayMs(retry, backoff, () => 0.999))).toEqual([
      999, 1998, 3996, 59_940,
    ]);
    expect(retryDelayMs(0, backoff, () => 0)).toBe(0);
    expect(retryDelayMs(0, backoff, () => 0.5, 7000)).toBe(7000);
    expect(retryDelayMs(0, backoff, () => 0.5, 600_000)).toBe(60_000);
  });
});
