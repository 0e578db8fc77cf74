import { utf8Length } from '@shoptel/core/utf8';
import type { Reporter } from '../report/report.js';
import type { Store } from '../storage/create-store.js';
import type { QueuedEvent } from './queued-event.js';

const QUEUE_PREFIX = 'shoptel.q.';
/** Events per stored segment: one batch, so a delivered batch usually frees one key. */
const SEGMENT_EVENTS = 30;
const SEGMENT_BYTES = 16 * 1024;
/**
 * How long a built event waits in memory before it is stored, unless the page is hidden or left
 * first (a hidden page's events are stored when the task ends). Most events are delivered within it (a batch goes when full, the rest with the next
 * second's build), so they never touch localStorage: its writes cost the page ~35 ns per byte.
 */
export const STORE_DELAY_MS = 2000;

/** Bounds of what is kept in localStorage; beyond them the oldest stored events are let go. */
export interface StoredBounds {
  maxStoredEvents: number;
  maxStoredBytes: number;
}

/** The localStorage copy of the unsent events. */
export interface PersistedQueue {
  /** Stores the event unless it is delivered within the store delay. */
  add(event: QueuedEvent): void;
  /** Forgets events that were delivered or dropped. */
  remove(events: QueuedEvent[]): void;
  /**
   * The events other pages left (closed ones, or open tabs that have not sent them yet), oldest
   * first; this page takes them over, each key once.
   */
  load(): QueuedEvent[];
  /**
   * Of events about to be sent, those another page took over since this page stored them: that
   * page sends them, so this one forgets them. Usually none.
   */
  takenElsewhere(events: QueuedEvent[]): QueuedEvent[];
  clear(): void;
  /** Stores now what waits to be stored: the page is hidden or leaving. */
  write(): void;
}

interface Segment {
  key: string;
  events: QueuedEvent[];
  bytes: number;
  /** Another page took this segment over: it is neither sent nor written again from here. */
  gone?: boolean;
}

/**
 * Persistence of the unsent events, owner of what localStorage holds. An event is written when it
 * is still undelivered `STORE_DELAY_MS` after it was queued, or at once when the page is hidden or
 * left (`write`); the events waiting then are written together as new segments of up to one
 * batch under keys `shoptel.q.<first event_id>`. A segment is written once and never appended
 * to: rewriting a growing segment for each lone event cost a `setItem` of up to 16 KiB per event
 * (measured: the largest main-thread cost at one event per task). So a burst costs one write per
 * 30 events, and a delivered batch one removal per segment it held. Ids sort by time, so the keys
 * do too. At most `maxStoredEvents` / `maxStoredBytes` are kept (oldest segments go first); a
 * refused write (quota) lets the oldest segment go and tries once more, then the events stay in
 * memory only, reported.
 *
 * Tabs of one shop share the storage, so each segment has one owner page, named in its key
 * (`shoptel.q.<first event_id>.<page>`). A page that finds another's segment at load moves it under
 * its own key and sends it; the page that wrote it sees its key gone when it next takes those
 * events for a request (one read per segment per batch) and forgets them. Without this, a second
 * tab opened before the first had sent its batch posted the same events twice.
 */
export function createPersistedQueue(store: Store, bounds: StoredBounds, report: Reporter): PersistedQueue {
  let segments: Segment[] = [];
  const segmentOf = new Map<string, Segment>();
  let pending: QueuedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let count = 0;
  let bytes = 0;
  const page = Math.random().toString(36).slice(2, 8);
  const keyOf = (first: QueuedEvent) => `${QUEUE_PREFIX + first.id}.${page}`;

  const drop = (segment: Segment) => {
    store.remove(segment.key);
    segments = segments.filter((s) => s !== segment);
    for (const event of segment.events) segmentOf.delete(event.id);
    count -= segment.events.length;
    bytes -= segment.bytes;
  };
  /** Whether another page took the segment over (its key is gone); remembered once seen. */
  const takenOver = (segment: Segment) => {
    if (!segment.gone && store.get(segment.key) === undefined) segment.gone = true;
    return segment.gone;
  };
  const save = (segment: Segment) => {
    const value = segment.events.map((event) => event.line).join('\n');
    if (store.set(segment.key, value)) return;
    const oldest = segments[0];
    if (oldest && oldest !== segment) drop(oldest);
    if (store.set(segment.key, value)) return;
    report('storage_unavailable', segment.events.length, __SHOPTEL_DEBUG__ ? 'kept in memory only' : '');
    drop(segment);
  };

  const write = () => {
    clearTimeout(timer);
    timer = 0;
    const fresh = pending.filter((event) => !event.done).slice(-bounds.maxStoredEvents);
    pending = [];
    const touched = new Set<Segment>();
    let segment: Segment | undefined;
    for (const event of fresh) {
      if (
        !segment ||
        segment.events.length >= SEGMENT_EVENTS ||
        segment.bytes + event.bytes > SEGMENT_BYTES
      ) {
        segment = { key: keyOf(event), events: [], bytes: 0 };
        segments.push(segment);
      }
      segment.events.push(event);
      segment.bytes += event.bytes;
      segmentOf.set(event.id, segment);
      count++;
      bytes += event.bytes;
      touched.add(segment);
    }
    while (segments.length > 1 && (count > bounds.maxStoredEvents || bytes > bounds.maxStoredBytes)) {
      touched.delete(segments[0]!);
      drop(segments[0]!);
    }
    for (const segment of touched) if (segments.includes(segment)) save(segment);
  };

  function remove(events: QueuedEvent[]) {
    const touched = new Set<Segment>();
    for (const event of events) {
      const segment = segmentOf.get(event.id);
      if (!segment) {
        event.done = true;
        continue;
      }
      segmentOf.delete(event.id);
      segment.events = segment.events.filter((e) => e.id !== event.id);
      segment.bytes -= event.bytes;
      count--;
      bytes -= event.bytes;
      touched.add(segment);
    }
    for (const segment of touched) {
      if (segment.events.length === 0) drop(segment);
      // Rewriting what another page took over would hand its events back to this one.
      else if (!takenOver(segment)) save(segment);
    }
  }

  return {
    add(event) {
      pending.push(event);
      // A hidden page may be discarded before a timer runs: what it queues is stored when the
      // task ends (not before: a background tab's burst of calls is one write, not one each).
      if (document.hidden) queueMicrotask(write);
      else timer ||= setTimeout(write, STORE_DELAY_MS);
    },
    write,
    remove,
    takenElsewhere(events) {
      // A segment's events are neighbours in a batch: one read per segment.
      let last: Segment | undefined;
      const taken = events.filter((event) => {
        const segment = segmentOf.get(event.id);
        if (segment && segment !== last) {
          last = segment;
          takenOver(segment);
        }
        return segment?.gone;
      });
      if (taken.length > 0) remove(taken);
      return taken;
    },
    load() {
      const loaded: QueuedEvent[] = [];
      const known = new Set(segments.map((segment) => segment.key));
      for (const key of store.keys(QUEUE_PREFIX).sort()) {
        if (known.has(key)) continue;
        const segment: Segment = { key, events: [], bytes: 0 };
        for (const line of (store.get(key) ?? '').split('\n')) {
          try {
            const id = (JSON.parse(line) as { event_id?: unknown }).event_id;
            if (typeof id !== 'string' || segmentOf.has(id)) continue;
            const event = { id, line, bytes: utf8Length(line) };
            segment.events.push(event);
            segment.bytes += event.bytes;
            segmentOf.set(id, segment);
          } catch {
            // A damaged line (another script wrote here) is skipped; the rest still goes.
          }
        }
        store.remove(key);
        if (segment.events.length === 0) continue;
        segment.key = keyOf(segment.events[0]!);
        segments.push(segment);
        count += segment.events.length;
        bytes += segment.bytes;
        loaded.push(...segment.events);
        save(segment);
      }
      segments.sort((a, b) => (a.key < b.key ? -1 : 1));
      return loaded;
    },
    clear() {
      for (const segment of segments) store.remove(segment.key);
      segments = [];
      segmentOf.clear();
      pending = [];
      count = 0;
      bytes = 0;
    },
  };
}
