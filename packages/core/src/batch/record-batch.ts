declare const TextEncoder: new () => {
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
};
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
/** The smallest buffer a batch starts with; later batches start at the size the last one reached. */
export const MIN_BATCH_CAPACITY = 1024;
const MIN_CAPACITY = MIN_BATCH_CAPACITY;

const encoder = new TextEncoder();

/**
 * Records of one stream that travel in one request, already as the request body: UTF-8 bytes
 * `[record,record,…` written as each record arrives. Encoding each record once, into a buffer
 * that becomes the body, replaces keeping thousands of strings alive in the queue (old-space
 * garbage), a byte count per record, a join and a copy into a Buffer per request.
 */
export interface RecordBatch {
  stream: string;
  /** Creation order: the lowest holds the oldest records (the queue drops from it first). */
  seq: number;
  buffer: Uint8Array;
  /** Where the body's `[` is: 0, or further once the oldest records were dropped. */
  head: number;
  /** End of the last record; `]` is written here when the body is taken. */
  end: number;
  /** Start of each record; those before `first` were dropped. */
  starts: number[];
  first: number;
  /** UTF-8 size of the request body `[record,…]`. */
  bytes: number;
  /** Failed attempts so far; sets the backoff of the next one. */
  failures: number;
  /**
   * Failed attempts charged to `maxRetries`: failures in outage mode are not, so an outage holds
   * records instead of spending their retries.
   */
  retries: number;
  /** Not sent again before this time (ms): the batch's own backoff. 0 when due now. */
  dueAtMs: number;
  /** Flushes waiting for this batch to settle. */
  waiters: Set<FlushWaiter> | undefined;
}

/** A `flush()` call waiting for the batches that existed when it was made. */
export interface FlushWaiter {
  pending: number;
  resolve: () => void;
}

/** Makes an empty batch, in `buffer` when given (reused; its old contents are ignored). */
export function createBatch(
  stream: string,
  seq: number,
  buffer: Uint8Array = new Uint8Array(MIN_CAPACITY),
): RecordBatch {
  buffer[0] = OPEN_BRACKET;
  return {
    stream,
    seq,
    buffer,
    head: 0,
    end: 1,
    starts: [],
    first: 0,
    bytes: 2,
    failures: 0,
    retries: 0,
    dueAtMs: 0,
    waiters: undefined,
  };
}

/** Records held. */
export function recordCount(batch: RecordBatch): number {
  return batch.starts.length - batch.first;
}

/** {@link appendToBatch} did not add the record: the body would pass its bound. */
export const DOES_NOT_FIT = -1;
/** {@link appendToBatch} did not add the record: it alone is larger than allowed. */
export const RECORD_TOO_LARGE = -2;

/**
 * Appends one record — JSON text, or `length` UTF-8 bytes of `source` — if the body stays within
 * `maxBodyBytes` and the record within `maxRecordBytes`; returns the record's UTF-8 size, or
 * {@link DOES_NOT_FIT} / {@link RECORD_TOO_LARGE} (leaving the batch as it was).
 */
export function appendToBatch(
  batch: RecordBatch,
  source: string | Uint8Array,
  maxBodyBytes: number,
  maxRecordBytes = Number.POSITIVE_INFINITY,
  length = -1,
): number {
  const separator = recordCount(batch) > 0 ? 1 : 0;
  const start = batch.end + separator;
  // Room for the record, within the body bound; `]` needs one more byte at the end.
  const limit = batch.head + maxBodyBytes - 1;
  if (typeof source !== 'string') {
    if (length > maxRecordBytes) return RECORD_TOO_LARGE;
    if (start + length > limit) return DOES_NOT_FIT;
    if (start + length + 1 > batch.buffer.length)
      grow(batch, Math.min(limit + 1, Math.max(batch.buffer.length * 2, start + length + 1)));
    batch.buffer.set(length === source.length ? source : source.subarray(0, length), start);
    return commit(batch, separator, start, length);
  }
  for (;;) {
    const room = Math.min(batch.buffer.length - 1, limit) - start;
    if (room < 0) return DOES_NOT_FIT;
    const result = encoder.encodeInto(source, batch.buffer.subarray(start, start + room));
    if (result.read === source.length) {
      if (result.written > maxRecordBytes) return RECORD_TOO_LARGE;
      return commit(batch, separator, start, result.written);
    }
    if (batch.buffer.length - 1 >= limit) return DOES_NOT_FIT;
    grow(batch, Math.min(limit + 1, Math.max(batch.buffer.length * 2, start + source.length * 3 + 1)));
  }
}

function commit(batch: RecordBatch, separator: number, start: number, written: number): number {
  if (separator === 1) batch.buffer[batch.end] = COMMA;
  batch.starts.push(start);
  batch.end = start + written;
  batch.bytes = batch.end - batch.head + 1;
  return written;
}

function grow(batch: RecordBatch, capacity: number) {
  const buffer = new Uint8Array(capacity);
  buffer.set(batch.buffer.subarray(0, batch.end));
  batch.buffer = buffer;
}

/** Removes the oldest record (queue overflow) and returns how many body bytes that freed. */
export function dropFirstRecord(batch: RecordBatch): number {
  const count = recordCount(batch);
  if (count === 0) return 0;
  const before = batch.bytes;
  batch.first++;
  if (count === 1) {
    batch.head = batch.end - 1;
    batch.starts.length = batch.first = 0;
  } else {
    batch.head = batch.starts[batch.first]! - 1; // the comma before it becomes the `[`
  }
  batch.buffer[batch.head] = OPEN_BRACKET;
  batch.bytes = count === 1 ? 2 : batch.end - batch.head + 1;
  return before - batch.bytes;
}

/** The request body, `[record,…]`, without copying. */
export function batchBody(batch: RecordBatch): Uint8Array {
  if (batch.buffer.length <= batch.end) grow(batch, batch.end + 1);
  batch.buffer[batch.end] = CLOSE_BRACKET;
  return batch.buffer.subarray(batch.head, batch.end + 1);
}

/** Each record's JSON text, in order. */
export function recordTexts(batch: RecordBatch): string[] {
  const decoder = new TextDecoder();
  const texts: string[] = [];
  for (let i = batch.first; i < batch.starts.length; i++) {
    const to = i + 1 < batch.starts.length ? batch.starts[i + 1]! - 1 : batch.end;
    texts.push(decoder.decode(batch.buffer.subarray(batch.starts[i]!, to)));
  }
  return texts;
}

/** Halves a batch for a 413 answer; both halves keep its place, retry counts and waiters. */
export function splitBatch(batch: RecordBatch): [RecordBatch, RecordBatch] {
  const texts = recordTexts(batch);
  const middle = Math.ceil(texts.length / 2);
  const make = (part: string[]): RecordBatch => {
    const half: RecordBatch = {
      ...createBatch(batch.stream, batch.seq),
      failures: batch.failures,
      retries: batch.retries,
      waiters: batch.waiters,
    };
    for (const text of part) appendToBatch(half, text, Number.POSITIVE_INFINITY);
    return half;
  };
  const pair: [RecordBatch, RecordBatch] = [make(texts.slice(0, middle)), make(texts.slice(middle))];
  // The waiters of the whole now wait for one more piece.
  if (batch.waiters) for (const waiter of batch.waiters) waiter.pending++;
  return pair;
}

const EVENT_ID_KEY = '"event_id":"';

/**
 * The `event_id` of each record, read back from its text: the serializer writes it among the
 * first fields, so the rare reports that list ids need no second copy of them in the queue.
 */
export function eventIdsOf(batch: RecordBatch): string[] {
  return recordTexts(batch).map(eventIdOfText);
}

/** The `event_id` of one serialized record. */
export function eventIdOfRecord(bytes: Uint8Array): string {
  return eventIdOfText(new TextDecoder().decode(bytes));
}

function eventIdOfText(text: string): string {
  const start = text.indexOf(EVENT_ID_KEY) + EVENT_ID_KEY.length;
  return text.slice(start, text.indexOf('"', start));
}
