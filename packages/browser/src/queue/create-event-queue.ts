import type { Reporter } from '../report/report.js';
import type { PersistedQueue } from './create-persisted-queue.js';
import type { QueuedEvent } from './queued-event.js';

export type { QueuedEvent };

/** Bounds of the queue in memory: beyond either, the oldest waiting events are dropped. */
export interface QueueBounds {
  maxQueueEvents: number;
  maxQueueBytes: number;
}

export interface EventQueue {
  /** Adds an event (and hands it to persistence). */
  push(event: QueuedEvent): void;
  /** Takes waiting events from the head, at least one, within both limits; they are now in flight. */
  take(maxEvents: number, maxBytes: number): QueuedEvent[];
  /** In-flight events are done (delivered or refused for good): forgotten and unpersisted. */
  settle(events: QueuedEvent[]): void;
  /** In-flight events go back to the head, in order, to be sent again. */
  requeue(events: QueuedEvent[]): void;
  /** Adds the events a previous page left in storage, before this page's. */
  restore(): void;
  /** Waiting events (not in flight). */
  readonly count: number;
  readonly bytes: number;
  /** Forgets everything, in memory and persisted. */
  clear(): void;
  /** Stores now what waits to be stored: the page is hidden or leaving. */
  persist(): void;
}

/**
 * The queue of unsent events, sole owner of their order, counts and bytes in memory; the stored
 * copy is `persisted`'s. Waiting events sit in an array read from `head` (taking a batch moves an
 * index instead of copying the rest), compacted now and then.
 */
export function createEventQueue(
  persisted: PersistedQueue,
  bounds: QueueBounds,
  report: Reporter,
): EventQueue {
  let waiting: QueuedEvent[] = [];
  let head = 0;
  const inFlight = new Set<string>();
  const known = new Set<string>();
  let bytes = 0;

  const compact = () => {
    if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
  };
  const add = (event: QueuedEvent): boolean => {
    if (known.has(event.id)) return false;
    const dropped: QueuedEvent[] = [];
    while (
      head < waiting.length &&
      (waiting.length - head + 1 > bounds.maxQueueEvents || bytes + event.bytes > bounds.maxQueueBytes)
    ) {
      const oldest = waiting[head++]!;
      bytes -= oldest.bytes;
      known.delete(oldest.id);
      dropped.push(oldest);
    }
    if (dropped.length > 0) {
      persisted.remove(dropped);
      report('queue_full', dropped.length, __SHOPTEL_DEBUG__ ? 'the oldest were dropped' : '');
    }
    waiting.push(event);
    known.add(event.id);
    bytes += event.bytes;
    return true;
  };

  return {
    push(event) {
      if (add(event)) persisted.add(event);
    },
    take(maxEvents, maxBytes) {
      let taken: QueuedEvent[] = [];
      // Events another tab took over are forgotten here; take again if that was all of them.
      while (taken.length === 0 && head < waiting.length) {
        let end = head;
        let size = 0;
        while (
          end < waiting.length &&
          end - head < maxEvents &&
          (end === head || size + waiting[end]!.bytes <= maxBytes)
        ) {
          size += waiting[end]!.bytes;
          end++;
        }
        taken = waiting.slice(head, end);
        head = end;
        bytes -= size;
        const elsewhere = persisted.takenElsewhere(taken);
        if (elsewhere.length > 0) {
          for (const event of elsewhere) known.delete(event.id);
          taken = taken.filter((event) => known.has(event.id));
        }
      }
      for (const event of taken) inFlight.add(event.id);
      compact();
      return taken;
    },
    settle(events) {
      for (const event of events) {
        inFlight.delete(event.id);
        known.delete(event.id);
      }
      persisted.remove(events);
    },
    requeue(events) {
      const back = events.filter((event) => inFlight.delete(event.id));
      waiting = back.concat(waiting.slice(head));
      head = 0;
      for (const event of back) bytes += event.bytes;
    },
    restore() {
      const restored = persisted.load().filter((event) => !known.has(event.id) && !inFlight.has(event.id));
      if (restored.length === 0) return;
      const current = waiting.slice(head);
      waiting = [];
      head = 0;
      bytes = 0;
      for (const event of current) known.delete(event.id);
      // Older pages' events go first: their ids sort before this page's.
      for (const event of restored.concat(current)) add(event);
    },
    get count() {
      return waiting.length - head;
    },
    get bytes() {
      return bytes;
    },
    persist: persisted.write,
    clear() {
      persisted.clear();
      waiting = [];
      head = 0;
      bytes = 0;
      inFlight.clear();
      known.clear();
    },
  };
}
