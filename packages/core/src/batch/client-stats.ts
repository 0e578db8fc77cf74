/**
 * Counters of one client. Every record passed to `send` is in exactly one of
 * `sent + failed + dropped + queued + inFlight`, so `enqueued` equals their sum; records removed
 * by `beforeSend` are counted only in `filtered`.
 */
export interface ClientStats {
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
