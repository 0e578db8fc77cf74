/**
 * Persistence of unsent records: memory in core, localStorage in the browser. Values are
 * serialized batches; keys are the client's own.
 */
export interface Storage {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
  keys(): string[] | Promise<string[]>;
}

/** The default store: unsent records live as long as the process. */
export function createMemoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get: (key) => items.get(key),
    set: (key, value) => {
      items.set(key, value);
    },
    remove: (key) => {
      items.delete(key);
    },
    keys: () => [...items.keys()],
  };
}
