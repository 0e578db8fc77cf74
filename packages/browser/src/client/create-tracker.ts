import { utf8Length } from '@shoptel/core/utf8';
import type { Guard } from '../capture/capture-types.js';
import {
  type BehaviorEventType,
  type BehaviorRecord,
  type BehaviorSource,
  PRODUCT_EVENTS,
} from '../events/behavior-record.js';
import type { AnyProps } from '../events/event-props.js';
import { leftOut, toBehaviorFields } from '../events/to-behavior-fields.js';
import type { ResolvedBrowserOptions } from '../options/browser-options.js';
import { maskAndCut } from '../privacy/mask-url.js';
import type { EventQueue } from '../queue/create-event-queue.js';
import type { Reporter } from '../report/report.js';
import type { Identity } from '../session/create-identity.js';
import type { Session } from '../session/create-session.js';
import type { DeviceFields } from '../session/device-fields.js';
import type { Store } from '../storage/create-store.js';
import { SDK_NAME } from '../version.js';
import { createPageContext } from './create-page-context.js';

const ORDERS_KEY = 'shoptel.orders';
/** Order ids remembered to count each purchase once (reloads of the confirmation page). */
const MAX_REMEMBERED_ORDERS = 50;

export interface TrackerParts {
  options: ResolvedBrowserOptions;
  store: Store;
  identity: Identity;
  session: Session;
  device: DeviceFields;
  queue: EventQueue;
  newId: () => string;
  report: Reporter;
  /** Called after events are queued; `urgent` when one is a checkout or purchase. */
  queued: (urgent: boolean) => void;
  /** Runs a function from a timer so its failure is reported, never thrown into the page. */
  guard: Guard;
}

/**
 * Calls built together at most: a burst is built in the page's own task a few ms at a time, never
 * in one long task of ours.
 */
const BUILD_MAX_CALLS = 100;

/** Turns tracked calls into queued `user_behavior` lines. */
export interface Tracker {
  /**
   * Records the call (a copy of its props, its time and page); the record is checked, built,
   * stored and queued within `recordDelayMs` — at once for a checkout or purchase, in a hidden
   * page, or when `BUILD_MAX_CALLS` wait. A lone call after idle cost the page several times one
   * among others (cold code, a storage write per task): building a second's calls in one task
   * was the largest cut at one event per 20 ms.
   */
  track(type: BehaviorEventType, props: AnyProps, source: BehaviorSource, timeMs?: number): void;
  /**
   * Builds and queues every call recorded so far: before identity or consent change, at exit.
   * `quiet`: the caller sends what waits itself (`flush`, page exit), so no batch leaves from
   * here; at page exit a batch posted from the worker would die with the page, unsent.
   */
  drain(quiet?: boolean): void;
  /** Later calls are built at once (`shutdown`): no timer of the tracker outlives the client. */
  stop(): void;
}

/**
 * What a call leaves for the build: the call, its wire fields and page overrides read from its
 * props, its time (`atMs`; `timeMs` when it happened earlier) and the page (URL and title) it
 * was made on. A tuple: the tag's bytes are counted.
 */
type RecordedCall = [
  type: BehaviorEventType,
  fields: Partial<BehaviorRecord>,
  source: BehaviorSource,
  atMs: number,
  timeMs: number,
  href: string,
  title: string,
  pageProp: AnyProps['page'],
  urlProp: AnyProps['url'],
  titleProp: AnyProps['title'],
];

const isUrgent = (type: BehaviorEventType) => type === 'CHECKOUT' || type === 'PURCHASE';

/**
 * Builds each record (page, session, identity, device, commerce fields) after checking what the
 * relay needs (a product id for product and cart events, an order id for a purchase, counted
 * once), runs `beforeSend`, serializes once and queues.
 */
export function createTracker(parts: TrackerParts): Tracker {
  const { options, store, identity, session, device, queue, report } = parts;
  const pageContext = createPageContext();
  const orders: string[] = (() => {
    try {
      return JSON.parse(store.get(ORDERS_KEY) ?? '[]');
    } catch {
      return [];
    }
  })();
  let recorded: RecordedCall[] = [];
  let delayMs = options.recordDelayMs;
  let timer: ReturnType<typeof setTimeout> | 0 = 0;

  /** Queues the call's record. */
  const build = ([
    type,
    fields,
    source,
    atMs,
    timeMs,
    href,
    title,
    pageProp,
    urlProp,
    titleProp,
  ]: RecordedCall) => {
    if (
      (PRODUCT_EVENTS.has(type) && !fields.product_id) ||
      (type === 'PURCHASE' && !fields.order_id) ||
      (type === 'SEARCH' && !fields.search_query)
    ) {
      report(
        'invalid_event',
        1,
        __SHOPTEL_DEBUG__
          ? `${type} needs ${type === 'PURCHASE' ? 'orderId' : type === 'SEARCH' ? 'query' : 'productId'}`
          : '',
      );
      return;
    }
    if (type === 'PURCHASE') {
      // One that knows the order id alone (a URL pattern's, `trackPurchase({ orderId })`) is the
      // fallback: remembered apart (`?id`), so that the order's amount and lines still count when
      // they come later — a payment return's URL sent at page exit, then the redirect's
      // confirmation page. It carries no amount, so revenue and top products count the order once.
      const idOnly = fields.total_amount === undefined && !fields.items;
      const id = fields.order_id!;
      if (orders.includes(id) || (idOnly && orders.includes(`?${id}`))) {
        // After the order's full purchase (an SPA pushed it before routing to its confirmation
        // URL), an id alone adds nothing to report.
        if (!idOnly) report('duplicate_purchase', 1, __SHOPTEL_DEBUG__ ? id : '');
        return;
      }
      orders.push(idOnly ? `?${id}` : id);
      store.set(ORDERS_KEY, JSON.stringify(orders.slice(-MAX_REMEMBERED_ORDERS)));
    }
    const here = pageContext(href, title);
    let record: BehaviorRecord | null | undefined = {
      event_type: type,
      event_id: parts.newId(),
      event_time: new Date(timeMs).toISOString(),
      ...session.touch(atMs, here),
      anonymous_id: identity.anonymousId(),
      user_id: identity.userId(),
      source,
      page: pageProp == null ? here.page : maskAndCut(pageProp, 2048),
      url: urlProp == null ? here.url : maskAndCut(urlProp, 4096),
      title: titleProp == null ? here.title : maskAndCut(titleProp, 512),
      ...device,
      ...fields,
      sdk: SDK_NAME,
    };
    let line: string;
    try {
      if (options.beforeSend) {
        record = options.beforeSend(record);
        if (!record) return;
        // An async hook, a value or a copy in an array is no event: queued, it would go as a line
        // the relay refuses, and its missing id would make the queue take later events for repeats.
        if (typeof record.event_id !== 'string') throw 0;
      }
      line = JSON.stringify(record);
    } catch {
      report(
        'before_send_failed',
        1,
        __SHOPTEL_DEBUG__ ? 'beforeSend threw or gave no event, or JSON failed' : '',
      );
      return;
    }
    queue.push({ id: record.event_id, line, bytes: utf8Length(line) });
  };

  // One call's failure (a store that throws, a host's odd prototype) costs only that call.
  const buildAlone = parts.guard(build);
  const drain = (quiet?: boolean) => {
    clearTimeout(timer);
    timer = 0;
    const calls = recorded;
    recorded = [];
    let urgent = false;
    for (const call of calls) {
      // The calls before a checkout go with it, urgently (from the page, with keepalive): the
      // checkout often leaves the page, and a batch posted from the worker would die with it.
      if (isUrgent(call[0])) urgent = true;
      buildAlone(call);
    }
    if (!quiet) parts.queued(urgent);
  };
  /** From the timer, where nothing may throw into the page. */
  const drainLater = parts.guard(drain);

  // A call does as little as it can: after idle, every object and line of code it touches is
  // cold, and a lone call cost several times one among others (measured in Chromium).
  const track: Tracker['track'] = (type, props, source, timeMs) => {
    const atMs = Date.now();
    // The props read now, by name (a page may reuse or change its object after the call, and a
    // store's model class gives them through getters, which a spread copy would not see). The
    // page of the call, its title too: an SPA may route, and set the next page's title, before
    // the build.
    recorded.push([
      type,
      toBehaviorFields(props, options.currency),
      source,
      atMs,
      timeMs ?? atMs,
      // The document's URL is `location.href` read without the Location object: ~15 µs less cold.
      document.URL,
      document.title,
      props.page,
      props.url,
      props.title,
    ]);
    // The event goes without what `toBehaviorFields` left out; the npm build says so (the tags
    // have no bytes for it).
    if (__SHOPTEL_NPM__ && leftOut && source === 'api')
      report(
        'invalid_event',
        1,
        __SHOPTEL_DEBUG__ ? `${type}: an amount, currency or line was left out` : '',
      );
    // A hidden page may be frozen or discarded before a timer runs.
    if (isUrgent(type) || !delayMs || document.hidden || recorded.length >= BUILD_MAX_CALLS) drain();
    else timer ||= setTimeout(drainLater, delayMs);
  };

  return {
    track,
    drain,
    stop() {
      delayMs = 0;
    },
  };
}
