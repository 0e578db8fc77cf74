import { createBatchBufferPool } from './batch-buffer-pool.js';
import type { ClientCounts } from './client-stats.js';
import {
  appendToBatch,
  createBatch,
  DOES_NOT_FIT,
  dropFirstRecord,
  MIN_BATCH_CAPACITY,
  type RecordBatch,
  recordCount,
  splitBatch,
} from './record-batch.js';
import { settleBatch } from './wait-for-batches.js';

/** The bounds a {@link RecordQueue} keeps. */
export interface RecordQueueLimits {
  /** Records held: open, waiting and in flight. */
  maxQueueEvents: number;
  /** Serialized bytes held: open, waiting and in flight. */
  maxQueueBytes: number;
  /** A batch is closed before a record would take its body past this. */
  maxBatchBytes: number;
  /** A batch is closed when it holds this many records. */
  batchSize: number;
  /** A larger serialized record is refused. */
  maxRecordBytes: number;
}

/** How one request ended for its records. */
export interface BatchOutcome {
  sent: number;
  failed: number;
  /** Records the client gave up on (shutdown timeout). */
  dropped?: number;
  /** Body bytes the server acknowledged. */
  wireBytes?: number;
}

/**
 * Where every accepted record is, and the counters behind `stats()`. The one owner of that state:
 * send, drain, pump, delivery and shutdown call these operations and never write its fields, so the
 * invariant `enqueued = sent + failed + dropped + queued + inFlight` and both bounds are kept here.
 *
 * A serialized record moves open batch → waiting batch → in flight → settled; a failed
 * request puts its batch back among the waiting ones with a due time.
 */
export interface RecordQueue {
  /** Counts a record refused before queueing (bad input, after shutdown) as enqueued and settled. */
  refuse(outcome: 'failed' | 'dropped'): void;
  /** Counts a record `beforeSend` removed (not enqueued). */
  countFiltered(): void;
  /** Counts a record sent with repairs. */
  countRepaired(): void;
  /**
   * Adds a serialized record — JSON text, or `length` UTF-8 bytes of `source` — to its stream's
   * open batch (closing batches as they fill), then keeps both bounds by dropping the oldest
   * waiting records (this one when all the others are in flight). Returns its UTF-8 size, or a
   * negative number when the record alone is too large for a batch: it is then not counted, and
   * the caller refuses it.
   */
  append(stream: string, source: string | Uint8Array, length?: number): number;
  /** Makes every open batch waiting (sendable). */
  closeOpenBatches(): void;
  readonly hasOpenBatches: boolean;
  /**
   * Moves the next batch to send into flight: the oldest due one, or for an outage probe, the one
   * due first whatever its due time. `undefined` when none is due or it is larger than `maxBytes`.
   */
  startNext(nowMs: number, options: { probe: boolean; maxBytes: number }): RecordBatch | undefined;
  /** The earliest due time among waiting batches, `undefined` when none waits. */
  earliestDueAtMs(): number | undefined;
  readonly waitingBatches: number;
  readonly inFlightBatches: number;
  readonly inFlightBytes: number;
  /**
   * Settles a batch that was in flight; its outcome must account for every record. `answered`
   * when the server answered it (its buffer is then free for reuse).
   */
  settle(batch: RecordBatch, outcome: BatchOutcome, answered?: boolean): void;
  /** Puts an in-flight batch back among the waiting ones, not sent before `dueAtMs`. */
  requeue(batch: RecordBatch, dueAtMs: number, resent: boolean): void;
  /** Replaces an in-flight batch by its two halves, waiting and due now (413). */
  split(batch: RecordBatch): void;
  /** Drops every record not in flight (shutdown timeout); returns how many. */
  dropWaiting(): number;
  /** Waiting and in-flight batches: what a flush waits for. */
  pendingBatches(): RecordBatch[];
  /** Overflow drops not yet reported; resets the tally. */
  takeOverflow(): number;
  /** Some overflow drops are not reported yet. */
  readonly overflowPending: boolean;
  counts(): ClientCounts;
}

export function createRecordQueue(limits: RecordQueueLimits): RecordQueue {
  const { maxQueueEvents, maxQueueBytes, maxBatchBytes, batchSize, maxRecordBytes } = limits;
  const open = new Map<string, RecordBatch>();
  /** Closed batches not in flight, in `seq` order (oldest records first). */
  const waiting: RecordBatch[] = [];
  const inFlight = new Set<RecordBatch>();
  const counters = {
    enqueued: 0,
    sent: 0,
    failed: 0,
    dropped: 0,
    retried: 0,
    bytes: 0,
    filtered: 0,
    repaired: 0,
  };
  let openRecords = 0;
  let waitingRecords = 0;
  let inFlightRecords = 0;
  let heldBytes = 0;
  let inFlightBytes = 0;
  let overflow = 0;
  let nextSeq = 0;
  /** New batches start with the buffer size the last one reached, so most never grow. */
  let capacityHint = MIN_BATCH_CAPACITY;
  const buffers = createBatchBufferPool(maxQueueBytes / 4);

  const queued = () => openRecords + waitingRecords;

  function append(stream: string, source: string | Uint8Array, length = -1): number {
    let batch = open.get(stream);
    let bytes =
      batch === undefined
        ? DOES_NOT_FIT
        : appendToBatch(batch, source, maxBatchBytes, maxRecordBytes, length);
    if (bytes === DOES_NOT_FIT && batch !== undefined && recordCount(batch) > 0) {
      close(batch);
      batch = undefined;
    }
    if (batch === undefined) {
      batch = createBatch(stream, nextSeq++, buffers.take(capacityHint));
      bytes = appendToBatch(batch, source, maxBatchBytes, maxRecordBytes, length);
      if (bytes < 0) {
        nextSeq--;
        buffers.give(batch.buffer);
        return bytes;
      }
      open.set(stream, batch);
      heldBytes += 2;
    }
    if (bytes < 0) return bytes;
    heldBytes += bytes + (recordCount(batch) > 1 ? 1 : 0);
    openRecords++;
    counters.enqueued++;
    if (recordCount(batch) >= batchSize) close(batch);
    // The count bound includes records in flight, but only waiting ones can be dropped: with all
    // the others in flight, this record is the one dropped.
    while (queued() + inFlightRecords > maxQueueEvents && queued() > 0) dropOldest();
    // resolveClientOptions keeps in-flight bytes a batch below the bound, so dropping waiting
    // records always makes room without dropping the one just added.
    while (heldBytes > maxQueueBytes && queued() > 1) dropOldest();
    return bytes;
  }

  function close(batch: RecordBatch) {
    open.delete(batch.stream);
    if (recordCount(batch) === 0) {
      heldBytes -= batch.bytes;
      buffers.give(batch.buffer);
      return;
    }
    capacityHint = nextCapacityHint(capacityHint, batch.end + 1, maxBatchBytes + 1);
    openRecords -= recordCount(batch);
    addWaiting(batch);
  }

  function addWaiting(batch: RecordBatch) {
    waitingRecords += recordCount(batch);
    // Keep seq order: binary search from the end, where new batches usually go.
    let low = 0;
    let high = waiting.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (waiting[middle]!.seq <= batch.seq) low = middle + 1;
      else high = middle;
    }
    waiting.splice(low, 0, batch);
  }

  /** Drops the oldest waiting record, counted as an overflow drop. */
  function dropOldest() {
    const batch = oldestHeldBatch();
    if (batch === undefined) return;
    heldBytes -= dropFirstRecord(batch);
    if (open.get(batch.stream) === batch) openRecords--;
    else waitingRecords--;
    if (recordCount(batch) === 0) {
      heldBytes -= batch.bytes;
      if (open.get(batch.stream) === batch) open.delete(batch.stream);
      else waiting.splice(waiting.indexOf(batch), 1);
      settleBatch(batch);
      buffers.give(batch.buffer);
    }
    counters.dropped++;
    overflow++;
  }

  function oldestHeldBatch(): RecordBatch | undefined {
    let oldest = waiting[0];
    for (const batch of open.values())
      if (recordCount(batch) > 0 && (oldest === undefined || batch.seq < oldest.seq)) oldest = batch;
    return oldest;
  }

  function startNext(nowMs: number, options: { probe: boolean; maxBytes: number }): RecordBatch | undefined {
    let index = -1;
    for (let i = 0; i < waiting.length; i++) {
      const batch = waiting[i]!;
      if (options.probe) {
        // A failed probe is due later than the others, so the next probe tries another batch.
        if (index < 0 || batch.dueAtMs < waiting[index]!.dueAtMs) index = i;
      } else if (batch.dueAtMs <= nowMs) {
        index = i;
        break;
      }
    }
    if (index < 0 || waiting[index]!.bytes > options.maxBytes) return undefined;
    const [batch] = waiting.splice(index, 1) as [RecordBatch];
    waitingRecords -= recordCount(batch);
    inFlight.add(batch);
    inFlightRecords += recordCount(batch);
    inFlightBytes += batch.bytes;
    return batch;
  }

  function leaveFlight(batch: RecordBatch) {
    if (!inFlight.delete(batch)) throw new Error('batch is not in flight');
    inFlightRecords -= recordCount(batch);
    inFlightBytes -= batch.bytes;
  }

  function settle(batch: RecordBatch, outcome: BatchOutcome, answered = false) {
    const dropped = outcome.dropped ?? 0;
    if (outcome.sent + outcome.failed + dropped !== recordCount(batch))
      throw new Error(
        `outcome accounts for ${outcome.sent + outcome.failed + dropped} of ${recordCount(batch)} records`,
      );
    leaveFlight(batch);
    heldBytes -= batch.bytes;
    counters.sent += outcome.sent;
    counters.failed += outcome.failed;
    counters.dropped += dropped;
    counters.bytes += outcome.wireBytes ?? 0;
    settleBatch(batch);
    if (answered) buffers.give(batch.buffer);
  }

  function requeue(batch: RecordBatch, dueAtMs: number, resent: boolean) {
    leaveFlight(batch);
    batch.dueAtMs = dueAtMs;
    if (resent) counters.retried += recordCount(batch);
    addWaiting(batch);
  }

  function split(batch: RecordBatch) {
    leaveFlight(batch);
    heldBytes -= batch.bytes;
    const halves = splitBatch(batch);
    buffers.give(batch.buffer); // split only on an answer (413)
    for (const half of halves) {
      half.dueAtMs = 0;
      heldBytes += half.bytes;
      addWaiting(half);
    }
  }

  function dropWaiting(): number {
    const left = queued();
    counters.dropped += left;
    for (const batch of [...waiting, ...open.values()]) {
      heldBytes -= batch.bytes;
      settleBatch(batch);
      buffers.give(batch.buffer);
    }
    waiting.length = 0;
    open.clear();
    openRecords = waitingRecords = 0;
    return left;
  }

  return {
    refuse(outcome) {
      counters.enqueued++;
      counters[outcome]++;
    },
    countFiltered: () => {
      counters.filtered++;
    },
    countRepaired: () => {
      counters.repaired++;
    },
    append,
    closeOpenBatches() {
      for (const batch of [...open.values()]) close(batch);
    },
    get hasOpenBatches() {
      return open.size > 0;
    },
    startNext,
    earliestDueAtMs() {
      let earliest: number | undefined;
      for (const batch of waiting) {
        if (earliest === undefined || batch.dueAtMs < earliest) earliest = batch.dueAtMs;
        // 0 (never failed) is as early as it gets: a burst's thousands of waiting batches are not
        // all read for every request started.
        if (earliest <= 0) break;
      }
      return earliest;
    },
    get waitingBatches() {
      return waiting.length;
    },
    get inFlightBatches() {
      return inFlight.size;
    },
    get inFlightBytes() {
      return inFlightBytes;
    },
    settle,
    requeue,
    split,
    dropWaiting,
    pendingBatches: () => [...waiting, ...inFlight],
    get overflowPending() {
      return overflow > 0;
    },
    takeOverflow() {
      const count = overflow;
      overflow = 0;
      return count;
    },
    counts: () => ({ ...counters, queued: queued(), inFlight: inFlightRecords }),
  };
}

/** Headroom over the last batch's size: batches of a stream vary by a few bytes. */
const CAPACITY_HEADROOM = 1.125;
const CAPACITY_STEP = 4096;

/**
 * The buffer size new batches start with. It follows the last closed batch's size with an eighth
 * of headroom in whole 4 KiB steps, and moves only when a batch outgrew it or used under half of
 * it, so pooled buffers keep fitting the next batch. (A power of two wasted up to half: 64 KiB
 * for a 36 KB batch, allocated and zero-filled for every batch a burst holds.)
 */
function nextCapacityHint(hint: number, used: number, max: number): number {
  if (used <= hint && used * 2 >= hint) return hint;
  const wanted =
    Math.ceil((Math.max(MIN_BATCH_CAPACITY, used) * CAPACITY_HEADROOM) / CAPACITY_STEP) * CAPACITY_STEP;
  return Math.min(max, wanted);
}
