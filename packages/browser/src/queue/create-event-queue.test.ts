import { describe, expect, it } from 'vitest';
import type { BrowserProblem } from '../report/report.js';
import { createReporter } from '../report/report.js';
import { createStore } from '../storage/create-store.js';
import { createEventQueue, type QueuedEvent } from './create-event-queue.js';

const event = (n: number, size = 10): QueuedEvent => {
  const id = `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const line = JSON.stringify({ event_id: id, pad: 'x'.repeat(size) });
  return { id, line, bytes: line.length };
};
const persistedIds = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('shoptel.q.'))
    .sort()
    .map((key) => Number(key.slice(-12)));

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

function setup(bounds = { maxQueueEvents: 1000, maxQueueBytes: 1024 * 1024 }, storage?: () => Storage) {
  localStorage.clear();
  const problems: BrowserProblem[] = [];
  const store = createStore(storage);
  store.setPersistent(true);
  const queue = createEventQueue(
    store,
    bounds,
    createReporter((p) => problems.push(p)),
  );
  return { store, queue, problems };
}

describe('event queue', () => {
  it('writes each event through as its own key and forgets it once settled', () => {
    const { queue } = setup();
    for (let i = 1; i <= 3; i++) queue.push(event(i));
    expect(persistedIds()).toEqual([1, 2, 3]);
    const batch = queue.take(2, 1e6);
    expect(batch.map((e) => e.id.slice(-1))).toEqual(['1', '2']);
    expect(queue.count).toBe(1);
    queue.settle(batch);
    expect(persistedIds()).toEqual([3]);
  });

  it('requeues a failed batch at the head, in order', () => {
    const { queue } = setup();
    for (let i = 1; i <= 4; i++) queue.push(event(i));
    const batch = queue.take(2, 1e6);
    queue.requeue(batch);
    expect(queue.take(10, 1e6).map((e) => e.id.slice(-1))).toEqual(['1', '2', '3', '4']);
  });

  it('takes at least one event, then stops at the byte limit', () => {
    const { queue } = setup();
    queue.push(event(1, 500));
    queue.push(event(2, 10));
    expect(queue.take(30, 100)).toHaveLength(1);
    expect(queue.take(30, 100)).toHaveLength(1);
  });

  it('drops the oldest beyond 1,000 events or the byte bound, and reports it', () => {
    const { queue, problems } = setup({ maxQueueEvents: 1000, maxQueueBytes: 1024 * 1024 });
    for (let i = 1; i <= 1005; i++) queue.push(event(i));
    expect(queue.count).toBe(1000);
    expect(persistedIds()[0]).toBe(6);
    expect(problems.reduce((sum, p) => sum + p.count, 0)).toBe(5);
    const small = setup({ maxQueueEvents: 1000, maxQueueBytes: 200 });
    for (let i = 1; i <= 5; i++) small.queue.push(event(i));
    expect(small.queue.bytes).toBeLessThanOrEqual(200);
    expect(persistedIds()).toEqual([4, 5]);
  });

  it('restores what an earlier page left, before this page’s events, without duplicates', () => {
    const first = setup();
    for (let i = 1; i <= 3; i++) first.queue.push(event(i));
    // A new page: a new store and queue over the same localStorage.
    const store = createStore();
    store.setPersistent(true);
    const queue = createEventQueue(store, { maxQueueEvents: 1000, maxQueueBytes: 1e6 }, () => {});
    queue.push(event(4));
    queue.restore();
    queue.restore();
    expect(queue.take(10, 1e6).map((e) => e.id.slice(-1))).toEqual(['1', '2', '3', '4']);
  });

  it('falls back to memory when localStorage is full or throws on every call', () => {
    // A quota that holds three values (as a full localStorage behaves: setItem throws).
    const quota = limitedStorage((key, value) => {
      if (localStorage.length >= 3) throw new DOMException('full', 'QuotaExceededError');
      localStorage.setItem(key, value);
    });
    const full = setup(undefined, () => quota);
    for (let i = 1; i <= 6; i++) full.queue.push(event(i));
    expect(full.queue.count).toBe(6);
    expect(persistedIds()).toEqual([4, 5, 6]); // the newest survive a reload
    expect(full.queue.take(10, 1e6)).toHaveLength(6);

    const refusing = limitedStorage(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const none = setup(undefined, () => refusing);
    none.queue.push(event(1));
    expect(none.queue.take(10, 1e6)).toHaveLength(1);
    expect(none.problems.map((p) => p.reason)).toEqual(['storage_unavailable']);

    const throwing = new Proxy({} as Storage, {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const broken = setup(undefined, () => throwing);
    broken.queue.push(event(1));
    expect(broken.queue.take(10, 1e6)).toHaveLength(1);
    expect(() => broken.store.keys('shoptel.')).not.toThrow();
  });
});
