/**
 * The raw records `send` has accepted and not yet serialized, in arrival order. A ring of fixed
 * capacity: `send` only stores a reference and a time (serializing is deferred to the drain, off
 * the caller's hot path), and dropping the oldest record is O(1) however long a burst runs.
 */
export interface IntakeRing {
  readonly size: number;
  push(stream: string, record: object, timeMs: number): void;
  /** Removes the oldest record and returns its stream, or `undefined` when empty. */
  dropOldest(): string | undefined;
  /** Hands every record to `visit` in order and empties the ring. */
  drain(visit: (stream: string, record: object, timeMs: number) => void): void;
}

export function createIntakeRing(capacity: number): IntakeRing {
  const streams: (string | undefined)[] = [];
  const records: (object | undefined)[] = [];
  const times: number[] = [];
  let head = 0;
  let size = 0;

  return {
    get size() {
      return size;
    },
    push(stream, record, timeMs) {
      // The caller drops the oldest first when full; growing here would break the memory bound.
      if (size >= capacity) throw new RangeError('intake ring is full');
      const slot = (head + size) % capacity;
      streams[slot] = stream;
      records[slot] = record;
      times[slot] = timeMs;
      size++;
    },
    dropOldest() {
      if (size === 0) return undefined;
      const stream = streams[head];
      streams[head] = undefined;
      records[head] = undefined; // release the record for GC
      head = (head + 1) % capacity;
      size--;
      return stream;
    },
    drain(visit) {
      while (size > 0) {
        const slot = head;
        const stream = streams[slot]!;
        const record = records[slot]!;
        const time = times[slot]!;
        streams[slot] = undefined;
        records[slot] = undefined;
        head = (head + 1) % capacity;
        size--;
        visit(stream, record, time);
      }
      head = 0;
    },
  };
}
