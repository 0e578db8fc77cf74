import type { Store } from '../storage/create-store.js';

const ANONYMOUS_KEY = 'shoptel.aid';
const USER_KEY = 'shoptel.uid';

/** Who the shopper is: a persisted first-party anonymous id and, after `identify`, a user id. */
export interface Identity {
  anonymousId(): string;
  userId(): string | undefined;
  identify(userId: string): void;
  /** A new anonymous id and no user id (logout, shared device). */
  reset(): void;
  /** Takes the ids another tab stored (its `identify` or `reset`); keeps ours where none is stored. */
  reload(): void;
}

/** The stored keys of the ids: another tab's change to one of them is taken over (`reload`). */
export const IDENTITY_KEYS = [ANONYMOUS_KEY, USER_KEY];

/** Ids live in memory and are written only when they change (never per event). */
export function createIdentity(store: Store, newId: () => string): Identity {
  let anonymous = store.get(ANONYMOUS_KEY);
  let user = store.get(USER_KEY);
  if (!anonymous) {
    anonymous = newId();
    store.set(ANONYMOUS_KEY, anonymous);
  }
  return {
    reload() {
      anonymous = store.get(ANONYMOUS_KEY) ?? anonymous;
      user = store.get(USER_KEY);
    },
    anonymousId: () => anonymous!,
    userId: () => user,
    identify(userId) {
      user = userId.slice(0, 128);
      store.set(USER_KEY, user);
    },
    reset() {
      user = undefined;
      store.remove(USER_KEY);
      anonymous = newId();
      store.set(ANONYMOUS_KEY, anonymous);
    },
  };
}
