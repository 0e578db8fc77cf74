import type { BackoffOptions } from './retry-policy.js';

/**
 * Consecutive transient failures, with no answer between them, that mean the server is down:
 * `maxRetries + 1` (4 by default) within 2–5, so that outage mode begins no later than a batch
 * failing alone would run out of retries. Against a server failing a quarter of requests at
 * random, four in a row begin about once in 340 requests, and the first probe ends it.
 */
export function outageThreshold(maxRetries: number): number {
  return Math.min(5, Math.max(2, maxRetries + 1));
}
/** The longest wait between two outage probes, so a recovery is seen within this time. */
export const OUTAGE_PROBE_MAX_DELAY_MS = 30_000;

/**
 * Whether requests may start, for the whole client. Batches keep their own backoff (the queue's
 * due times); the gate holds everything back only when the server asks for it (a second 429/503
 * with `Retry-After` before any other answer) or looks down (outage mode, as DataDog's browser
 * SDK does when its intake is unavailable). A lone `Retry-After` amid stored batches delays only
 * its own batch: pausing everything for it would let a few random 429s stall a healthy stream.
 *
 * Outage mode begins after {@link outageThreshold} transient failures in a row. Then one
 * probe at a time goes out on a growing, capped, jittered backoff; the first answer ends it and
 * the backlog drains at full concurrency.
 *
 * "In a row" means by start time: a request that fails after the server answered a request
 * started later (a timeout, a slow reset) says nothing about the server now, so it neither
 * counts toward outage mode nor asks for a pause.
 */
export interface DeliveryGate {
  /** Requests that may start now; `Infinity` when unrestricted. */
  allowance(nowMs: number): number;
  /** In outage mode, whatever batch is due first may be the probe, its own backoff ignored. */
  readonly inOutage: boolean;
  /** When the gate opens next, if it is closed now only because of time. */
  opensAtMs(nowMs: number): number | undefined;
  /** The end of the pause the server last asked for (ms); in the past when none holds. */
  readonly pausedUntilMs: number;
  /** When the server last stored a batch, in ms, or `null` before the first. */
  readonly lastSuccessAtMs: number | null;
  /** A request starts; in outage mode it is the probe, and no other starts until it ends. */
  onStart(): void;
  /** A request ended, however (the probe slot frees up). */
  onEnd(probe: boolean): void;
  /** The server answered (stored, refused or split a batch): it is up. */
  onAnswer(nowMs: number, stored: boolean): void;
  /** A network error, timeout, 408, 429 or 5xx. */
  onTransientFailure(failure: TransientFailure): void;
}

/** What {@link DeliveryGate.onTransientFailure} needs to know of a failed request. */
export interface TransientFailure {
  nowMs: number;
  /** When the failed request started. */
  startedAtMs: number;
  /** The pause the server asked for (`Retry-After` on a 429 or 503), if any. */
  retryAfterMs: number | undefined;
  /** The request was an outage probe (only failed probes lengthen the wait). */
  probe: boolean;
}

export function createDeliveryGate(
  backoff: BackoffOptions,
  random: () => number,
  outageAfterFailures: number,
): DeliveryGate {
  let consecutiveFailures = 0;
  let pausesAskedInARow = 0;
  let lastAnswerAtMs = Number.NEGATIVE_INFINITY;
  let inOutage = false;
  let probeInFlight = false;
  let failedProbes = 0;
  let probeAtMs = 0;
  let pausedUntilMs = 0;
  let lastSuccessAtMs: number | null = null;

  /**
   * Equal jitter: at least half the ceiling, so probes stay rare however the dice fall. The first
   * ceiling is a quarter of the base delay: a run of failures on a flaky server ends at the first
   * probe, so that one comes soon; a down server doubles the wait from there.
   */
  function nextProbeDelay(): number {
    const cap = Math.min(backoff.maxDelayMs, OUTAGE_PROBE_MAX_DELAY_MS);
    const ceiling = Math.min(cap, (backoff.baseDelayMs / 4) * 2 ** Math.min(failedProbes, 30));
    return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
  }

  return {
    allowance(nowMs) {
      if (nowMs < pausedUntilMs) return 0;
      if (!inOutage) return Number.POSITIVE_INFINITY;
      // Requests started before the outage may still hang until their timeout: they do not
      // hold the probe back.
      return !probeInFlight && nowMs >= probeAtMs ? 1 : 0;
    },
    get inOutage() {
      return inOutage;
    },
    opensAtMs(nowMs) {
      const at = Math.max(pausedUntilMs, inOutage ? probeAtMs : 0);
      return at > nowMs ? at : undefined;
    },
    get pausedUntilMs() {
      return pausedUntilMs;
    },
    get lastSuccessAtMs() {
      return lastSuccessAtMs;
    },
    onStart() {
      if (inOutage) probeInFlight = true;
    },
    onEnd(probe) {
      if (probe) probeInFlight = false;
    },
    onAnswer(nowMs, stored) {
      if (stored) lastSuccessAtMs = nowMs;
      lastAnswerAtMs = nowMs;
      consecutiveFailures = 0;
      pausesAskedInARow = 0;
      inOutage = false;
      failedProbes = 0;
    },
    onTransientFailure({ nowMs, startedAtMs, retryAfterMs, probe }) {
      if (inOutage && probe) {
        failedProbes++;
        probeAtMs = nowMs + nextProbeDelay();
      }
      if (startedAtMs < lastAnswerAtMs) return;
      consecutiveFailures++;
      // A lone 429/503 among stored batches delays only its own batch (the caller's due time);
      // asked twice with no answer between, the server means us, and everything waits.
      if (retryAfterMs !== undefined && ++pausesAskedInARow >= 2)
        pausedUntilMs = Math.max(pausedUntilMs, nowMs + Math.min(retryAfterMs, backoff.maxDelayMs));
      if (!inOutage && consecutiveFailures >= outageAfterFailures) {
        inOutage = true;
        probeAtMs = nowMs + nextProbeDelay();
      }
    },
  };
}
