/** `user_behavior` event types (wire-format.md). */
export type BehaviorEventType =
  | 'PAGE_VIEW'
  | 'PRODUCT_VIEW'
  | 'SEARCH'
  | 'CART_ADD'
  | 'CART_REMOVE'
  | 'CHECKOUT'
  | 'PURCHASE';

/** The events about one product: each needs a product id, and a GA4 event with items is one per item. */
export const PRODUCT_EVENTS = new Set<BehaviorEventType>(['PRODUCT_VIEW', 'CART_ADD', 'CART_REMOVE']);

/** How an event was captured: a capture of ours, the API, or the page's GA4 `dataLayer`. */
export type BehaviorSource = 'auto' | 'api' | 'datalayer';

/** One order line on the wire. */
export interface WireItem {
  product_id: string;
  name?: string;
  price?: number;
  quantity?: number;
}

/**
 * A `user_behavior` event as posted to the relay: snake_case and flat, without `_timestamp` and
 * `ip` (the relay adds them) — what `beforeSend` sees.
 */
export interface BehaviorRecord {
  event_type: BehaviorEventType;
  event_id: string;
  event_time: string;
  session_id: string;
  anonymous_id: string;
  user_id?: string;
  source: BehaviorSource;
  page?: string;
  url?: string;
  title?: string;
  referrer?: string;
  product_id?: string;
  product_name?: string;
  category_id?: string;
  search_query?: string;
  cart_id?: string;
  order_id?: string;
  price?: number;
  quantity?: number;
  total_amount?: number;
  currency?: string;
  items?: WireItem[];
  user_agent?: string;
  platform?: string;
  screen_resolution?: string;
  language?: string;
  timezone?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  /** `shoptel-browser/<version>`: the relay stores it instead of its own `shoptel-node/…`. */
  sdk: string;
}
