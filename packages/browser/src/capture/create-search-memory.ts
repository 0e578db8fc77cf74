import type { Store } from '../storage/create-store.js';

const SEARCH_KEY = 'shoptel.search';
/** A form submit and the results page's `?q=` that follows it are one search. */
const SAME_SEARCH_MS = 30_000;

/**
 * Remembers the last search across page loads so that one search seen twice (the form submit,
 * then the results URL) counts once. Returns `true` when `query` is new.
 */
export function createSearchMemory(store: Store): (query: string, nowMs: number) => boolean {
  return (query, nowMs) => {
    let last: { q?: string; t?: number } = {};
    try {
      last = JSON.parse(store.get(SEARCH_KEY) ?? '{}');
    } catch {
      // Unreadable memory: treat as no previous search.
    }
    if (last.q === query && nowMs - (last.t ?? 0) < SAME_SEARCH_MS) return false;
    store.set(SEARCH_KEY, JSON.stringify({ q: query, t: nowMs }));
    return true;
  };
}
