import type { Store } from '../store/create-store.js';
import type { StreamTable } from '../store/stream-table.js';

const DAY_US = 86_400_000_000;

/**
 * Deletes the rows of `table` older than its `data_retention` days (nothing when it is 0).
 * OpenObserve's compactor drops whole files past retention in its own time; here the rows go at
 * once, so a test can read the effect back.
 */
export async function enforceRetention(
  store: Store,
  table: StreamTable,
  nowMs = Date.now(),
): Promise<number> {
  const days = table.settings.data_retention;
  if (days <= 0 || table.docNum === 0) return 0;
  return store.deleteOlderThan(table, nowMs * 1000 - days * DAY_US);
}

/** Every stream with a retention, in turn (for the periodic sweep). */
export async function enforceAllRetention(store: Store): Promise<void> {
  for (const table of store.all()) {
    if (table.settings.data_retention > 0) await enforceRetention(store, table).catch(() => 0);
  }
}
