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
  /** Hands up to `max` of the oldest records (all by default) to `visit`, in order, removing them. */
  drain(visit: (stream: string, record: object, timeMs: number) => void, max?: number): void;
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
    drain(visit, max = Number.POSITIVE_INFINITY) {
      let left = max;
      while (size > 0 && left-- > 0) {
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
      if (size === 0) head = 0;
    },
  };
}
