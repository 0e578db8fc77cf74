/** Remembers the last `max` ids; `seen(id)` answers whether the id came before and records it. */
export interface RecentIds {
  seen(id: string): boolean;
}

/**
 * A bounded memory of event ids, oldest forgotten first (a `Set` keeps insertion order). The
 * browser resends what may not have arrived at page exit, so the relay drops repeats of a recent
 * `event_id` and at-least-once delivery stores each event once.
 */
export function createRecentIds(max: number): RecentIds {
  const ids = new Set<string>();
  return {
    seen(id) {
      if (ids.has(id)) return true;
      ids.add(id);
      if (ids.size > max) ids.delete(ids.values().next().value!);
      return false;
    },
  };
}
