import type { StreamType } from './stream-plan.js';

/** What `ensureStreams` did to one stream. */
export interface StreamChange {
  stream: string;
  type: StreamType;
  /** `created`: the stream had no settings yet; `updated`: some differed; `failed`: see `error`. */
  action: 'created' | 'updated' | 'unchanged' | 'failed';
  /** Each difference that was set, e.g. `data_retention 0 → 30`, `full_text_search_keys + message`. */
  changes: string[];
  /** Why the stream could not be read or set (HTTP status and OpenObserve's message). */
  error?: string;
}

/** One line per stream, as `shoptel streams apply` prints it. */
export function describeStreamChange(change: StreamChange): string {
  const name = `${change.stream} (${change.type})`;
  if (change.action === 'failed') return `✗ ${name}: ${change.error ?? 'failed'}`;
  if (change.action === 'unchanged') return `  ${name}: unchanged`;
  return `✓ ${name}: ${change.action}, ${change.changes.join(', ')}`;
}
