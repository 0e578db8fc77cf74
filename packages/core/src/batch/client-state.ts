import type { TimerHandle } from '../clock/clock.js';
import type { AbortSignalLike } from '../transport/transport.js';
import type { ResolvedClientOptions } from './client-options.js';
import { createSafeReporter } from './create-safe-reporter.js';
import type { DeliveryError } from './delivery-error.js';
import { createIntakeRing, type IntakeRing } from './intake-ring.js';
import type { RecordBatch } from './record-batch.js';

declare const AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };

/** The running totals behind `stats()`. */
export interface ClientCounters {
  enqueued: number;
  sent: number;
  failed: number;
  dropped: number;
  retried: number;
  bytes: number;
  filtered: number;
  repaired: number;
}

/**
 * Everything one client's parts share: its options, where each record is (intake, open, ready,
 * in flight), its counters and timers. One plain object, read and written in place by the send,
 * batch assembly, drain, request pump, delivery and shutdown factories.
 */
export interface ClientState {
  readonly o: ResolvedClientOptions;
  readonly counters: ClientCounters;
  readonly intake: IntakeRing;
  /** Batches being filled, one per stream. */
  readonly open: Map<string, RecordBatch>;
  /** Full batches in send order; retries go back to the front. */
  readonly ready: RecordBatch[];
  readonly inFlight: Set<RecordBatch>;
  readonly attempts: Set<Promise<void>>;
  /** One controller for every request: shutdown() aborts whatever is still in flight at its timeout. */
  readonly abortInFlight: { readonly signal: AbortSignalLike; abort(reason?: unknown): void } | undefined;
  readonly report: (error: DeliveryError) => void;
  readonly guarded: (work: () => void) => void;
  openRecords: number;
  readyRecords: number;
  inFlightRecords: number;
  /** Serialized bytes held: open, ready and in-flight batches. */
  heldBytes: number;
  /** Drops not yet reported: reported once per drain, not once per record. */
  overflow: number;
  drainTimer: TimerHandle | undefined;
  flushTimer: TimerHandle | undefined;
  resumeTimer: TimerHandle | undefined;
  /** No request starts before this time: the retry backoff (or Retry-After) pause. */
  pausedUntil: number;
  /** shutdown() was called: new records are refused. */
  closed: boolean;
  /** flush()/shutdown() calls still waiting. */
  flushWaiters: number;
  /** A flush timer fired while the intake was still being drained. */
  closeWhenDrained: boolean;
  /** shutdown() timed out: nothing is sent or retried any more. */
  abandoned: boolean;
}

export function createClientState(o: ResolvedClientOptions): ClientState {
  const { report, guarded } = createSafeReporter(o);
  return {
    o,
    counters: { enqueued: 0, sent: 0, failed: 0, dropped: 0, retried: 0, bytes: 0, filtered: 0, repaired: 0 },
    intake: createIntakeRing(o.maxQueueEvents),
    open: new Map<string, RecordBatch>(),
    ready: [],
    inFlight: new Set<RecordBatch>(),
    attempts: new Set<Promise<void>>(),
    abortInFlight: typeof AbortController === 'function' ? new AbortController() : undefined,
    report,
    guarded,
    openRecords: 0,
    readyRecords: 0,
    inFlightRecords: 0,
    heldBytes: 0,
    overflow: 0,
    drainTimer: undefined,
    flushTimer: undefined,
    resumeTimer: undefined,
    pausedUntil: 0,
    closed: false,
    flushWaiters: 0,
    closeWhenDrained: false,
    abandoned: false,
  };
}

/** Records accepted and not yet handed to a request: intake, open and ready batches. */
export function queuedCount(s: ClientState): number {
  return s.intake.size + s.openRecords + s.readyRecords;
}
