/** Every key shoptel writes starts with this, so `clear()` finds them all and nothing else. */
export const KEY_PREFIX = 'shoptel.';

/**
 * shoptel's first-party persistence. It writes to localStorage only while `persistent` (consent
 * granted) and otherwise keeps values in memory; every storage call is guarded, because private
 * modes, disabled storage and a full quota all throw, and a failed write falls back to memory.
 */
export interface Store {
  get(key: string): string | undefined;
  /** Returns `false` when localStorage refused the value (it is then kept in memory only). */
  set(key: string, value: string): boolean;
  remove(key: string): void;
  /** Keys under a prefix, from localStorage and memory. */
  keys(prefix: string): string[];
  /** Start (consent granted: what memory holds is written out) or stop writing to localStorage. */
  setPersistent(persistent: boolean): void;
  /** Removes every shoptel value, persisted or not (consent denied, `reset`). */
  clear(): void;
}

export function createStore(storage: () => Storage | undefined = () => globalThis.localStorage): Store {
  const memory = new Map<string, string>();
  let local: Storage | undefined;
  try {
    local = storage();
  } catch {
    // Reading `localStorage` itself throws where storage is disabled: memory it is.
  }
  let persistent = false;

  const guarded = <T>(call: (s: Storage) => T): T | undefined => {
    if (!local) return undefined;
    try {
      return call(local);
    } catch {
      return undefined;
    }
  };

  const store: Store = {
    get: (key) => memory.get(key) ?? guarded((s) => s.getItem(key)) ?? undefined,
    set(key, value) {
      if (persistent && guarded((s) => s.setItem(key, value) === undefined)) {
        memory.delete(key);
        return true;
      }
      memory.set(key, value);
      return !persistent;
    },
    remove(key) {
      memory.delete(key);
      guarded((s) => s.removeItem(key));
    },
    keys(prefix) {
      const found = new Set<string>();
      guarded((s) => {
        for (let i = 0; i < s.length; i++) {
          const key = s.key(i);
          if (key?.startsWith(prefix)) found.add(key);
        }
      });
      for (const key of memory.keys()) if (key.startsWith(prefix)) found.add(key);
      return [...found];
    },
    setPersistent(next) {
      persistent = next;
      if (!next) return;
      for (const [key, value] of [...memory]) store.set(key, value);
    },
    clear() {
      for (const key of store.keys(KEY_PREFIX)) store.remove(key);
      memory.clear();
    },
  };
  return store;
}
