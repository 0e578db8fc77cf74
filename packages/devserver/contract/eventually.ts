export interface EventuallyOptions {
  timeoutMs: number;
  /** @default 100 */
  intervalMs?: number;
}

/**
 * Re-reads until `isDone` holds or `timeoutMs` passes, then returns the last value either way, so the
 * caller's `expect` reports what the server actually answered instead of a bare timeout.
 * OpenObserve's search is eventually consistent: a record acknowledged by `_json` may take a moment
 * to become searchable.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  options: EventuallyOptions,
): Promise<T> {
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + options.timeoutMs;
  let value = await read();
  while (!isDone(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}
