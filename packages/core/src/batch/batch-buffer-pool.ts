/**
 * Reuses the byte buffers of settled batches. A new `Uint8Array` is zero-filled memory outside
 * the JS heap that the engine must account for and collect; at 100 records a request, allocating
 * one per batch cost about as much CPU as encoding the records into it.
 *
 * Only buffers whose request was answered come back: the transport is then done reading them.
 * (A request that timed out or was aborted may still be referenced by a socket write.)
 */
export interface BatchBufferPool {
  /** A buffer of at least `bytes`, reused when one is free. */
  take(bytes: number): Uint8Array;
  give(buffer: Uint8Array): void;
}

/**
 * `maxPooledBytes` bounds what the pool keeps: a burst leaves many batches settling at once, and
 * all of them are reused by the next, but an idle client should not sit on a burst's worth.
 */
export function createBatchBufferPool(maxPooledBytes: number): BatchBufferPool {
  const free: Uint8Array[] = [];
  let pooledBytes = 0;
  return {
    take(bytes) {
      for (let i = free.length - 1; i >= 0; i--) {
        const buffer = free[i]!;
        if (buffer.length >= bytes) {
          free[i] = free[free.length - 1]!;
          free.pop();
          pooledBytes -= buffer.length;
          return buffer;
        }
      }
      return new Uint8Array(bytes);
    },
    give(buffer) {
      if (pooledBytes + buffer.length > maxPooledBytes) return;
      free.push(buffer);
      pooledBytes += buffer.length;
    },
  };
}
