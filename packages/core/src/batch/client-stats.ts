/**
 * Record counters of one client. Every record passed to `send` is in exactly one of
 * `sent + failed + dropped + queued + inFlight`, so `enqueued` equals their sum; records removed
 * by `beforeSend` are counted only in `filtered`.
 */
export interface ClientCounts {
  /** Records passed to `send` (after `beforeSend`). */
  enqueued: number;
  /** Records the server confirmed as stored. */
  sent: number;
  /** Records refused: invalid, rejected by the server, or out of retries. */
  failed: number;
  /** Records dropped by the client: queue overflow, send after shutdown, shutdown timeout. */
  dropped: number;
  /** Record re-sends after a retryable failure (a 100-record batch retried twice adds 200). */
  retried: number;
  /** Records waiting to be sent. */
  queued: number;
  /** Records in requests that have not been answered yet. */
  inFlight: number;
  /** Request body bytes (as sent on the wire, after compression) the server acknowledged. */
  bytes: number;
  /** Records `beforeSend` removed. */
  filtered: number;
  /** Records sent with repairs (see `record_repaired` reports). */
  repaired: number;
}

/** What `stats()` returns: the counters, and what delivery is doing now. */
export interface ClientStats extends ClientCounts {
  /**
   * The server looks down (several transient failures in a row): one probe request at a time on
   * a growing backoff, records held in the bounded queue without spending their retries.
   */
  outage: boolean;
  /** The server asked for a pause (`Retry-After`) and no request starts before this time (ms). */
  pausedUntil: number | null;
  /** When the server last stored a batch (ms since the epoch), or `null` before the first. */
  lastSuccessAt: number | null;
}
