import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BrowserProblem, createReporter } from '../report/report.js';
import { createStore } from '../storage/create-store.js';
import { createEventQueue } from './create-event-queue.js';
import { createPersistedQueue, STORE_DELAY_MS, type StoredBounds } from './create-persisted-queue.js';
import type { QueuedEvent } from './queued-event.js';

const event = (n: number, size = 10): QueuedEvent => {
  const id = `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const line = JSON.stringify({ event_id: id, pad: 'x'.repeat(size) });
  return { id, line, bytes: line.length };
};
/** The event numbers localStorage holds, over all segments, in key order. */
const storedNumbers = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('shoptel.q.'))
    .sort()
    .flatMap((key) => localStorage.getItem(key)!.split('\n'))
    .map((line) => Number((JSON.parse(line) as { event_id: string }).event_id.slice(-12)));
const storedKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('shoptel.q.'));
/** Persistence writes what is still undelivered once the store delay has passed. */
const afterStoreDelay = () => vi.advanceTimersByTime(STORE_DELAY_MS);

/** localStorage with another `setItem`: a full quota, as browsers throw `QuotaExceededError`. */
function limitedStorage(setItem: (key: string, value: string) => void): Storage {
  return {
    get length() {
      return localStorage.length;
    },
    key: (i) => localStorage.key(i),
    getItem: (key) => localStorage.getItem(key),
    removeItem: (key) => localStorage.removeItem(key),
    clear: () => localStorage.clear(),
    setItem,
  };
}

function setup(
  memory = { maxQueueEvents: 10_000, maxQueueBytes: 8 << 20 },
  stored: StoredBounds = { maxStoredEvents: 1000, maxStoredBytes: 1 << 20 },
  storage?: () => Storage,
  clear = true,
) {
  if (clear) localStorage.clear();
  const problems: BrowserProblem[] = [];
  const report = createReporter((p) => problems.push(p));
  const store = createStore(storage);
  store.setPersistent(true);
  const queue = createEventQueue(createPersistedQueue(store, stored, report), memory, report);
  return { store, queue, problems };
}

describe('event queue', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('stores the events still undelivered after the delay together, a batch per key, and forgets delivered ones', async () => {
    const { queue } = setup();
    for (let i = 1; i <= 45; i++) queue.push(event(i));
    vi.advanceTimersByTime(STORE_DELAY_MS - 1);
    expect(storedKeys()).toEqual([]); // not before the delay has passed…
    await afterStoreDelay();
    expect(storedKeys()).toHaveLength(2); // …then 30 + 15 events in two writes
    expect(storedNumbers()).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const batch = queue.take(30, 1e6);
    queue.settle(batch);
    expect(storedKeys()).toHaveLength(1); // a delivered batch frees its key
    expect(storedNumbers()[0]).toBe(31);
  });

  it('never writes events delivered within the delay, and stores at once when told to (page hidden or leaving)', () => {
    const writes: string[] = [];
    const { queue } = setup(undefined, undefined, () =>
      limitedStorage((key, value) => {
        writes.push(key);
        localStorage.setItem(key, value);
      }),
    );
    for (let i = 1; i <= 40; i++) queue.push(event(i));
    queue.settle(queue.take(30, 1e6)); // delivered before the delay ends
    const inFlight = queue.take(5, 1e6);
    queue.persist(); // the page is hidden: what is not delivered is stored now
    expect(storedNumbers()).toEqual(Array.from({ length: 10 }, (_, i) => i + 31));
    expect(writes).toHaveLength(1);
    queue.settle(inFlight);
    expect(storedNumbers()).toEqual([36, 37, 38, 39, 40]);
    afterStoreDelay(); // nothing is left to write, and nothing is written twice
    expect(writes).toHaveLength(2); // the persist, then the rewrite of the segment less its delivered five
    queue.settle(queue.take(30, 1e6));
    expect(storedKeys()).toEqual([]);
  });

  it('writes a later write’s events as a new segment and never rewrites a stored one', async () => {
    const writes: string[] = [];
    const { queue } = setup(undefined, undefined, () =>
      limitedStorage((key, value) => {
        writes.push(key);
        localStorage.setItem(key, value);
      }),
    );
    queue.push(event(1));
    await afterStoreDelay();
    queue.push(event(2));
    queue.push(event(3));
    await afterStoreDelay();
    expect(storedKeys()).toHaveLength(2);
    expect(storedNumbers()).toEqual([1, 2, 3]);
    expect(writes).toHaveLength(2); // one write per task, none for the segment already stored
    queue.settle(queue.take(3, 1e6));
    expect(storedKeys()).toEqual([]); // a batch spanning two segments frees both keys
    expect(writes).toHaveLength(2);
  });

  it('requeues a failed batch at the head, in order', () => {
    const { queue } = setup();
    for (let i = 1; i <= 4; i++) queue.push(event(i));
    queue.requeue(queue.take(2, 1e6));
    expect(queue.take(10, 1e6).map((e) => e.id.slice(-1))).toEqual(['1', '2', '3', '4']);
  });

  it('takes at least one event, then stops at the byte limit', () => {
    const { queue } = setup();
    queue.push(event(1, 500));
    queue.push(event(2, 10));
    expect(queue.take(30, 100)).toHaveLength(1);
    expect(queue.take(30, 100)).toHaveLength(1);
  });

  it('keeps a 2,000-event burst whole in memory but stores only the newest 1,000', async () => {
    const { queue, problems } = setup();
    for (let i = 1; i <= 2000; i++) queue.push(event(i));
    await afterStoreDelay();
    expect(queue.count).toBe(2000);
    const stored = storedNumbers();
    expect(stored).toHaveLength(1000);
    expect(stored[0]).toBe(1001);
    expect(problems).toEqual([]);
  });

  it('drops the oldest beyond the memory bounds and reports it', async () => {
    const { queue, problems } = setup({ maxQueueEvents: 100, maxQueueBytes: 8 << 20 });
    for (let i = 1; i <= 105; i++) queue.push(event(i));
    await afterStoreDelay();
    expect(queue.count).toBe(100);
    expect(problems.reduce((sum, p) => sum + p.count, 0)).toBe(5);
    expect(storedNumbers()[0]).toBe(6);
    const small = setup({ maxQueueEvents: 100, maxQueueBytes: 200 });
    for (let i = 1; i <= 5; i++) small.queue.push(event(i));
    expect(small.queue.bytes).toBeLessThanOrEqual(200);
    expect(small.queue.take(10, 1e6).map((e) => e.id.slice(-1))).toEqual(['4', '5']);
  });

  it('restores what an earlier page left, before this page’s events, without duplicates', async () => {
    const first = setup();
    for (let i = 1; i <= 3; i++) first.queue.push(event(i));
    await afterStoreDelay();
    // A new page: a new store and queue over the same localStorage.
    const { queue } = setup(undefined, undefined, undefined, false);
    queue.push(event(4));
    queue.restore();
    queue.restore();
    expect(queue.take(10, 1e6).map((e) => e.id.slice(-1))).toEqual(['1', '2', '3', '4']);
  });

  it('lets the oldest stored segment go when localStorage is full, and falls back to memory', async () => {
    // A quota that holds two values.
    const quota = limitedStorage((key, value) => {
      if (localStorage.length >= 2 && localStorage.getItem(key) === null)
        throw new DOMException('full', 'QuotaExceededError');
      localStorage.setItem(key, value);
    });
    const full = setup(undefined, undefined, () => quota);
    for (let i = 1; i <= 90; i++) full.queue.push(event(i));
    await afterStoreDelay();
    expect(full.queue.count).toBe(90);
    expect(storedNumbers()).toEqual(Array.from({ length: 60 }, (_, i) => i + 31)); // the newest survive
    expect(full.queue.take(100, 1e6)).toHaveLength(90);

    const refusing = limitedStorage(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const none = setup(undefined, undefined, () => refusing);
    none.queue.push(event(1));
    await afterStoreDelay();
    expect(none.queue.take(10, 1e6)).toHaveLength(1);
    expect(none.problems.map((p) => p.reason)).toEqual(['storage_unavailable']);

    const throwing = new Proxy({} as Storage, {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const broken = setup(undefined, undefined, () => throwing);
    broken.queue.push(event(1));
    await afterStoreDelay();
    expect(broken.queue.take(10, 1e6)).toHaveLength(1);
    expect(() => broken.store.keys('shoptel.')).not.toThrow();
  });

  it('sends a stored batch from one tab only: the tab that takes it over at load, not the one that wrote it', async () => {
    const first = setup();
    for (let i = 1; i <= 5; i++) first.queue.push(event(i));
    await afterStoreDelay();
    const second = setup(undefined, undefined, undefined, false); // a second tab opens
    second.queue.restore();
    expect(second.queue.take(30, 1e6).map((e) => e.id)).toEqual([1, 2, 3, 4, 5].map((n) => event(n).id));
    expect(first.queue.take(30, 1e6)).toEqual([]); // the first tab forgets them instead of posting them again
    expect(first.queue.count).toBe(0);
    first.queue.push(event(6)); // its later events are its own
    await afterStoreDelay();
    expect(first.queue.take(30, 1e6).map((e) => e.id)).toEqual([event(6).id]);
    expect(storedNumbers()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not write back a taken-over segment when part of it was delivered here', async () => {
    const first = setup();
    for (let i = 1; i <= 35; i++) first.queue.push(event(i)); // segments of 30 and 5
    await afterStoreDelay();
    const sent = first.queue.take(20, 1e6);
    const second = setup(undefined, undefined, undefined, false);
    second.queue.restore(); // takes over both segments while the first tab's request is out
    first.queue.settle(sent);
    expect(storedNumbers()).toEqual(Array.from({ length: 35 }, (_, i) => i + 1)); // only the second tab's copy
    expect(first.queue.take(30, 1e6)).toEqual([]);
    expect(second.queue.take(100, 1e6)).toHaveLength(35);
  });
});
