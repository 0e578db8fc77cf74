/** Serialized records of one stream that travel in one request. */
export interface RecordBatch {
  stream: string;
  /** Creation order: the lowest holds the oldest records (the queue drops from it first). */
  seq: number;
  /** One JSON object text per record; each begins with its `_timestamp`, `event_time`, `event_id`. */
  lines: string[];
  /** UTF-8 size of the request body `[line,line,…]`. */
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

export function createBatch(stream: string, seq: number): RecordBatch {
  return { stream, seq, lines: [], bytes: 2, failures: 0, retries: 0, dueAtMs: 0, waiters: undefined };
}

/** Adds a record; the separator comma counts from the second record on. */
export function appendToBatch(batch: RecordBatch, line: string, lineBytes: number): void {
  batch.bytes += lineBytes + (batch.lines.length > 0 ? 1 : 0);
  batch.lines.push(line);
}

/** Removes the oldest record (queue overflow) and returns its byte size with separator. */
export function shiftFromBatch(batch: RecordBatch): number {
  const line = batch.lines.shift();
  if (line === undefined) return 0;
  const removed = utf8Length(line) + (batch.lines.length > 0 ? 1 : 0);
  batch.bytes -= removed;
  return removed;
}

/** Halves a batch for a 413 answer; both halves keep its place, retry counts and waiters. */
export function splitBatch(batch: RecordBatch): [RecordBatch, RecordBatch] {
  const middle = Math.ceil(batch.lines.length / 2);
  const halves = [batch.lines.slice(0, middle), batch.lines.slice(middle)] as const;
  const make = (i: 0 | 1): RecordBatch => ({
    ...batch,
    lines: halves[i],
    bytes: 2 + halves[i].reduce((sum, line) => sum + utf8Length(line), 0) + Math.max(0, halves[i].length - 1),
  });
  const pair: [RecordBatch, RecordBatch] = [make(0), make(1)];
  // The waiters of the whole now wait for one more piece.
  if (batch.waiters) for (const waiter of batch.waiters) waiter.pending++;
  return pair;
}

const EVENT_ID_KEY = '"event_id":"';

/**
 * The `event_id` of each record, read back from its text: the serializer writes it among the
 * first fields, so keeping a second array of ids (memory the queue bound would have to cover)
 * is not needed for the rare reports that list ids.
 */
export function eventIdsOf(batch: RecordBatch): string[] {
  return batch.lines.map((line) => {
    const start = line.indexOf(EVENT_ID_KEY) + EVENT_ID_KEY.length;
    return line.slice(start, line.indexOf('"', start));
  });
}

export function batchBody(batch: RecordBatch): string {
  return `[${batch.lines.join(',')}]`;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 length of a string; the regular-expression test keeps the common ASCII case O(1) in JS. */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
