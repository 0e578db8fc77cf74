/**
 * Why records were not delivered as sent. Every loss the client sees is reported with one of these
 * through `onError`, and counted in `stats()`.
 */
export const DeliveryErrorReason = {
  /**
   * `send` got something that is not a plain object or class instance (a string, an array, a Date,
   * a Map, an Error, …), or a bad stream name. Counted as failed.
   */
  invalidRecord: 'invalid_record',
  /** The record was sent with changes (cycle cut, BigInt as string, long string cut, …). */
  recordRepaired: 'record_repaired',
  /** The serialized record is larger than `maxRecordBytes`. Counted as failed. */
  recordTooLarge: 'record_too_large',
  /**
   * `beforeSend` threw, or returned a Promise or something other than a record, `null` or `false`;
   * the record is dropped rather than sent unfiltered. Counted as failed.
   */
  beforeSendFailed: 'before_send_failed',
  /** The queue was full (`maxQueueEvents` / `maxQueueBytes`): the oldest records were dropped. */
  queueOverflow: 'queue_overflow',
  /** The server refused the batch with a 4xx that retrying cannot fix. Counted as failed. */
  rejectedByServer: 'rejected_by_server',
  /** The server stored part of a batch and counted the rest as failed (old timestamp, schema). */
  partialFailure: 'partial_failure',
  /** The server answered 200 but accounted for fewer records than were sent. */
  silentDrop: 'silent_drop',
  /** Every retry failed (network, timeout, 429, 5xx). Counted as failed. */
  retriesExhausted: 'retries_exhausted',
  /** `send` after `shutdown()`. Counted as dropped. */
  clientClosed: 'client_closed',
  /** `shutdown()` reached its timeout with records still queued. Counted as dropped. */
  shutdownTimeout: 'shutdown_timeout',
  /** A bug or an unexpected throw inside the client, caught so the host app never sees it. */
  internal: 'internal',
} as const;
export type DeliveryErrorReason = (typeof DeliveryErrorReason)[keyof typeof DeliveryErrorReason];

/** What `onError` receives. Never carries credentials or request headers. */
export interface DeliveryError {
  reason: DeliveryErrorReason;
  /** A sentence a person can act on. */
  message: string;
  /** The normalised stream, when one is concerned. */
  stream?: string;
  /** How many records this report is about. */
  count: number;
  /** HTTP status of the answer that caused it, if any. */
  status?: number;
  /** The server's own error text (OpenObserve's `message` or `status[].error`). */
  serverMessage?: string;
  /** Ids of the records concerned, where the client knows exactly which ones. */
  eventIds?: string[];
  /** Field-level detail for repaired or rejected records. */
  details?: { path: string; problem: string }[];
}
