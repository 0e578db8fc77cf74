import type { FlushWaiter, RecordBatch } from './record-batch.js';

/**
 * Resolves once every one of `batches` has settled (sent, failed or dropped), calling `onSettled`
 * just before. A batch split for a 413 answer hands its waiters to both halves.
 */
export function waitForBatches(batches: readonly RecordBatch[], onSettled: () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      onSettled();
      resolve();
    };
    const waiter: FlushWaiter = { pending: batches.length, resolve: done };
    for (const batch of batches) {
      batch.waiters ??= new Set();
      batch.waiters.add(waiter);
    }
  });
}

/** Marks `batch` settled for every flush waiting on it, resolving those it was the last for. */
export function settleBatch(batch: RecordBatch): void {
  if (batch.waiters === undefined) return;
  for (const waiter of batch.waiters) {
    waiter.pending--;
    if (waiter.pending === 0) waiter.resolve();
  }
  batch.waiters = undefined;
}
