import { utf8Length } from '@shoptel/core/utf8';
import type { BehaviorEventType, BehaviorRecord, BehaviorSource } from '../events/behavior-record.js';
import type { AnyProps } from '../events/event-props.js';
import { toBehaviorFields } from '../events/to-behavior-fields.js';
import type { ResolvedBrowserOptions } from '../options/browser-options.js';
import { maskUrl } from '../privacy/mask-url.js';
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
const NEEDS_PRODUCT = new Set<BehaviorEventType>(['PRODUCT_VIEW', 'CART_ADD', 'CART_REMOVE']);

export interface TrackerParts {
  options: ResolvedBrowserOptions;
  store: Store;
  identity: Identity;
  session: Session;
  device: DeviceFields;
  queue: EventQueue;
  newId: () => string;
  report: Reporter;
  /** Called after an event is queued; `urgent` for checkout and purchase. */
  queued: (urgent: boolean) => void;
}

/** Turns a tracked call into one queued `user_behavior` line. */
export type Tracker = (
  type: BehaviorEventType,
  props: AnyProps,
  source: BehaviorSource,
  timeMs?: number,
) => void;

/**
 * Builds the record (page, session, identity, device, commerce fields), checks what the relay
 * needs (a product id for product and cart events, an order id for a purchase, counted once),
 * runs `beforeSend`, serializes once and queues.
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

  return (type, props, source, timeMs) => {
    const fields = toBehaviorFields(props, options.currency);
    if (
      (NEEDS_PRODUCT.has(type) && !fields.product_id) ||
      (type === 'PURCHASE' && !fields.order_id) ||
      (type === 'SEARCH' && !fields.search_query)
    ) {
      report(
        'invalid_event',
        1,
        __SHOPTEL_DEBUG__
          ? `${type} needs ${type === 'PURCHASE' ? 'an orderId' : type === 'SEARCH' ? 'a query' : 'a productId'}`
          : '',
      );
      return;
    }
    if (type === 'PURCHASE') {
      if (orders.includes(fields.order_id!)) {
        report(
          'duplicate_purchase',
          1,
          __SHOPTEL_DEBUG__ ? `order ${fields.order_id} was already captured` : '',
        );
        return;
      }
      orders.push(fields.order_id!);
      store.set(ORDERS_KEY, JSON.stringify(orders.slice(-MAX_REMEMBERED_ORDERS)));
    }
    const now = Date.now();
    const here = pageContext(now);
    let record: BehaviorRecord | null | undefined = {
      event_type: type,
      event_id: parts.newId(),
      event_time: new Date(timeMs ?? now).toISOString(),
      ...session.touch(now, here),
      anonymous_id: identity.anonymousId(),
      user_id: identity.userId(),
      source,
      page: props.page === undefined ? here.page : maskUrl(props.page).slice(0, 2048),
      url: props.url === undefined ? here.url : maskUrl(props.url).slice(0, 4096),
      title: props.title === undefined ? here.title : maskUrl(props.title).slice(0, 512),
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
        __SHOPTEL_DEBUG__ ? 'beforeSend threw or returned no event (or one JSON cannot hold); dropped' : '',
      );
      return;
    }
    queue.push({ id: record.event_id, line, bytes: utf8Length(line) });
    parts.queued(type === 'CHECKOUT' || type === 'PURCHASE');
  };
}
