/** Why events were dropped or not sent, as short stable codes a dashboard can group by. */
export type ProblemReason =
  | 'invalid_event'
  | 'rejected_by_relay'
  | 'rejected_by_openobserve'
  | 'dropped_by_status'
  | 'queue_full'
  | 'storage_unavailable'
  | 'before_send_failed'
  | 'capture_failed'
  | 'not_initialized'
  | 'duplicate_purchase';

/** One problem: what happened, to how many events, and (debug build only) a sentence about it. */
export interface BrowserProblem {
  reason: ProblemReason;
  count: number;
  /** A readable explanation; empty in the production bundles, which carry no messages. */
  message: string;
}

export type Reporter = (reason: ProblemReason, count: number, message?: string) => void;

/**
 * Builds the one place problems go: the host's `onError` (never allowed to throw into us) and,
 * in the debug build, the console. Callers pass messages as `__SHOPTEL_DEBUG__ ? '…' : ''` so the
 * production minifier removes the text.
 */
export function createReporter(onError: ((problem: BrowserProblem) => void) | undefined): Reporter {
  return (reason, count, message = '') => {
    if (__SHOPTEL_DEBUG__) console.warn(`[shoptel] ${reason} (${count}): ${message}`);
    try {
      onError?.({ reason, count, message });
    } catch {
      // The host's handler failing must not turn a report into an exception in its page.
    }
  };
}
