import { utf8Length } from '@shoptel/core/utf8';
import type { Reporter } from '../report/report.js';
import type { Store } from '../storage/create-store.js';

const QUEUE_PREFIX = 'shoptel.q.';

/** One serialized event: its NDJSON line, written once when tracked and reused for every send. */
export interface QueuedEvent {
  id: string;
  line: string;
  bytes: number;
}

/** Bounds of the queue: beyond either, the oldest waiting events are dropped. */
export interface QueueBounds {
  maxQueueEvents: number;
  maxQueueBytes: number;
}

export interface EventQueue {
  /** Adds an event and writes it through to the store. */
  push(event: QueuedEvent): void;
  /** Takes waiting events from the head, at least one, within both limits; they are now in flight. */
  take(maxEvents: number, maxBytes: number): QueuedEvent[];
  /** In-flight events are done (delivered or refused for good): forgotten and unpersisted. */
  settle(events: QueuedEvent[]): void;
  /** In-flight events go back to the head, in order, to be sent again. */
  requeue(events: QueuedEvent[]): void;
  /** Adds the events a previous page left in the store (once consent allows reading them). */
  restore(): void;
  /** Waiting events (not in flight). */
  readonly count: number;
  readonly bytes: number;
  /** Forgets everything, in memory and persisted. */
  clear(): void;
}

/**
 * The queue of unsent events, sole owner of their order, counts and bytes. Each event is one
 * store key (`shoptel.q.<event_id>`), so adding or removing one writes only that event — never the
 * whole queue, which makes a burst quadratic (Snowplow, p8 reference). UUID v7 ids sort by time,
 * so a restored queue keeps its order. A refused write (quota) drops the oldest persisted event
 * and tries once more; after that the event lives in memory only.
 */
export function createEventQueue(store: Store, bounds: QueueBounds, report: Reporter): EventQueue {
  let waiting: QueuedEvent[] = [];
  const inFlight = new Set<string>();
  const known = new Set<string>();
  /** Ids whose line is in localStorage, oldest first (a Set keeps insertion order). */
  const persisted = new Set<string>();
  let bytes = 0;

  const forget = (event: QueuedEvent) => {
    known.delete(event.id);
    persisted.delete(event.id);
    store.remove(QUEUE_PREFIX + event.id);
  };
  const persist = (event: QueuedEvent) => {
    if (!store.set(QUEUE_PREFIX + event.id, event.line)) {
      // Full: the oldest persisted copy makes room (that event still waits in memory).
      const [oldest] = persisted;
      if (oldest !== undefined) {
        persisted.delete(oldest);
        store.remove(QUEUE_PREFIX + oldest);
      }
      if (!store.set(QUEUE_PREFIX + event.id, event.line)) {
        report(
          'storage_unavailable',
          1,
          __SHOPTEL_DEBUG__ ? 'localStorage refused the event; kept in memory' : '',
        );
        return;
      }
    }
    persisted.add(event.id);
  };
  const add = (event: QueuedEvent): boolean => {
    if (known.has(event.id)) return false;
    let dropped = 0;
    while (
      waiting.length > 0 &&
      (waiting.length + 1 > bounds.maxQueueEvents || bytes + event.bytes > bounds.maxQueueBytes)
    ) {
      const oldest = waiting.shift()!;
      bytes -= oldest.bytes;
      forget(oldest);
      dropped++;
    }
    if (dropped > 0)
      report(
        'queue_full',
        dropped,
        __SHOPTEL_DEBUG__ ? 'the queue is full; the oldest events were dropped' : '',
      );
    waiting.push(event);
    known.add(event.id);
    bytes += event.bytes;
    return true;
  };

  return {
    push(event) {
      if (add(event)) persist(event);
    },
    take(maxEvents, maxBytes) {
      let n = 0;
      let size = 0;
      while (n < waiting.length && n < maxEvents && (n === 0 || size + waiting[n]!.bytes <= maxBytes)) {
        size += waiting[n]!.bytes;
        n++;
      }
      const taken = waiting.slice(0, n);
      waiting = waiting.slice(n);
      bytes -= size;
      for (const event of taken) inFlight.add(event.id);
      return taken;
    },
    settle(events) {
      for (const event of events) {
        inFlight.delete(event.id);
        forget(event);
      }
    },
    requeue(events) {
      const back = events.filter((event) => inFlight.delete(event.id));
      waiting = back.concat(waiting);
      for (const event of back) bytes += event.bytes;
    },
    restore() {
      const keys = store.keys(QUEUE_PREFIX).sort();
      const restored: QueuedEvent[] = [];
      for (const key of keys) {
        const id = key.slice(QUEUE_PREFIX.length);
        const line = store.get(key);
        if (known.has(id) || inFlight.has(id)) continue;
        if (line) {
          restored.push({ id, line, bytes: utf8Length(line) });
          persisted.add(id);
        } else store.remove(key);
      }
      // Older pages' events go first: the restored ids sort before this page's.
      const current = waiting;
      waiting = [];
      bytes = 0;
      for (const event of current) known.delete(event.id);
      for (const event of restored.concat(current)) add(event);
    },
    get count() {
      return waiting.length;
    },
    get bytes() {
      return bytes;
    },
    clear() {
      for (const event of waiting) forget(event);
      waiting = [];
      bytes = 0;
      inFlight.clear();
      known.clear();
      persisted.clear();
    },
  };
}
