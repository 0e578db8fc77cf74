/** Token buckets per client: `take(key)` answers 0 (go) or the seconds to wait. */
export interface RateLimiter {
  take(key: string, nowMs: number): number;
}

/**
 * One token bucket per client key (the IP), holding at most `burst` requests and refilled at
 * `requestsPerSecond`. At most `maxClients` buckets are kept; the least recently seen goes first,
 * so a flood of spoofed addresses cannot grow memory.
 */
export function createRateLimiter(requestsPerSecond: number, burst: number, maxClients: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    take(key, nowMs) {
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: burst, atMs: nowMs };
      } else {
        buckets.delete(key); // re-inserted below: Map order is recency
        bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * requestsPerSecond);
        bucket.atMs = nowMs;
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond));
    },
  };
}
