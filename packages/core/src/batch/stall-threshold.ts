/** Answer times kept to judge what "slow" means for this server. */
const SAMPLES = 16;
/** A request this many times slower than the median answer is stalled. */
const STALL_FACTOR = 8;
/** Bounds of the stall threshold, in ms: loopback answers in a few ms, a loaded server in seconds. */
export const STALL_MIN_MS = 250;
export const STALL_MAX_MS = 5000;
/** Before any answer was timed. */
export const STALL_DEFAULT_MS = 2000;

/**
 * When an unanswered request counts as stalled: {@link STALL_FACTOR} times the median of the last
 * {@link SAMPLES} answer times, within [{@link STALL_MIN_MS}, {@link STALL_MAX_MS}]. A median, not
 * a mean, so the odd timeout or slow answer does not move it.
 */
export interface StallThreshold {
  /** Notes how long a request took to get an HTTP answer. */
  record(answerMs: number): void;
  current(): number;
}

export function createStallThreshold(): StallThreshold {
  const samples: number[] = [];
  let next = 0;
  let cached = STALL_DEFAULT_MS;
  return {
    record(answerMs) {
      if (samples.length < SAMPLES) samples.push(answerMs);
      else samples[next] = answerMs;
      next = (next + 1) % SAMPLES;
      const sorted = [...samples].sort((a, b) => a - b);
      const median = sorted[sorted.length >> 1]!;
      cached = Math.min(STALL_MAX_MS, Math.max(STALL_MIN_MS, STALL_FACTOR * median));
    },
    current: () => cached,
  };
}
