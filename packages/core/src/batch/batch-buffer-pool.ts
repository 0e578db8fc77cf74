/** Buffers kept for reuse: enough for the requests in flight and the batches being filled. */
const MAX_POOLED = 4;

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

export function createBatchBufferPool(): BatchBufferPool {
  const free: Uint8Array[] = [];
  return {
    take(bytes) {
      for (let i = free.length - 1; i >= 0; i--) {
        const buffer = free[i]!;
        if (buffer.length >= bytes) {
          free[i] = free[free.length - 1]!;
          free.pop();
          return buffer;
        }
      }
      return new Uint8Array(bytes);
    },
    give(buffer) {
      if (free.length < MAX_POOLED) free.push(buffer);
      else {
        // Keep the largest ones: a batch that needs a big buffer would otherwise grow again.
        let smallest = 0;
        for (let i = 1; i < free.length; i++) if (free[i]!.length < free[smallest]!.length) smallest = i;
        if (free[smallest]!.length < buffer.length) free[smallest] = buffer;
      }
    },
  };
}
