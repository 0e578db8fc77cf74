import type { BehaviorRecord } from '../events/behavior-record.js';
import type { BrowserProblem } from '../report/report.js';

/** Consent to analytics: `pending` keeps events in memory only, `denied` clears everything. */
export type ConsentState = 'granted' | 'denied' | 'pending';

/** Which automatic captures run. Each is on unless set to `false`. */
export interface AutoCaptureOptions {
  /** Page views on load and on SPA navigation. @default true */
  pageViews?: boolean;
  /** Product views from JSON-LD `Product` and `[data-shoptel-product-id]`. @default true */
  productViews?: boolean;
  /** Searches from URL parameters and `form[role=search]` submits. @default true */
  search?: boolean;
  /** Cart adds/removes from clicks on `[data-shoptel-cart-add]` / `[data-shoptel-cart-remove]`. @default true */
  cart?: boolean;
  /** Checkout and purchase from `[data-shoptel-purchase]` and the URL patterns. @default true */
  checkout?: boolean;
  /** GA4 `dataLayer` ecommerce events (`view_item`, `add_to_cart`, `purchase`, …). @default true */
  dataLayer?: boolean;
}

/**
 * Options of `init()`.
 *
 * @example init({ currency: 'EUR', consent: 'pending', autoCapture: { dataLayer: false } })
 */
export interface BrowserOptions {
  /** Where batches are posted: the node relay. @default '/shoptel' (same origin) */
  endpoint?: string;
  /** Turn every automatic capture on or off, or pick them one by one. @default true */
  autoCapture?: boolean | AutoCaptureOptions;
  /** Consent at start. @default 'granted' */
  consent?: ConsentState;
  /** Track nothing when the browser sends Do Not Track or Global Privacy Control. @default false */
  respectDoNotTrack?: boolean;
  /** Currency for amounts given without one (ISO 4217). @default undefined */
  currency?: string;
  /** URL parameters read as a search query. @default ['q', 'query', 'search', 's'] */
  searchParams?: string[];
  /** Count a change of the query string alone as a new page view. @default false */
  trackQueryChanges?: boolean;
  /** URLs (regular expressions) of checkout pages. @default [] */
  checkoutUrlPatterns?: (string | RegExp)[];
  /**
   * URLs of order confirmation pages; the first capture group, else the `order_id`/`order`
   * parameter, is the order id. @default []
   */
  purchaseUrlPatterns?: (string | RegExp)[];
  /** Events per request. @default 30 */
  maxBatchEvents?: number;
  /** Bytes per request and per page-exit beacon. @default 16384 */
  maxBatchBytes?: number;
  /** How long an event waits for more to join its batch. @default 5000 */
  flushIntervalMs?: number;
  /**
   * How long a tracked call may wait in memory before its event is built, stored and queued
   * (and `beforeSend` runs): calls within it are built together, which costs the page a fraction
   * of building each alone. Checkout, purchase, a hidden page, `flush()` and page exit never
   * wait. `0` builds each at once. @default 1000
   */
  recordDelayMs?: number;
  /** Events kept in memory while they cannot be sent; oldest dropped. @default 10000 */
  maxQueueEvents?: number;
  /** Bytes kept in memory while events cannot be sent. @default 8388608 */
  maxQueueBytes?: number;
  /** Unsent events also kept in localStorage for the next page load; oldest let go. @default 1000 */
  maxStoredEvents?: number;
  /** Bytes of unsent events kept in localStorage. @default 1048576 */
  maxStoredBytes?: number;
  /** A session ends after this much inactivity. @default 1800000 (30 min) */
  sessionTimeoutMs?: number;
  /** A session ends after this long in any case. @default 86400000 (24 h) */
  sessionMaxMs?: number;
  /** Change or drop (return `null`) each event before it is queued. */
  beforeSend?: (event: BehaviorRecord) => BehaviorRecord | null | undefined;
  /** Called for every dropped or refused event group, with a reason. */
  onError?: (problem: BrowserProblem) => void;
}

export interface ResolvedBrowserOptions {
  endpoint: string;
  capture: Required<AutoCaptureOptions>;
  consent: ConsentState;
  respectDoNotTrack: boolean;
  currency: string | undefined;
  searchParams: string[];
  trackQueryChanges: boolean;
  checkoutUrlPatterns: RegExp[];
  purchaseUrlPatterns: RegExp[];
  maxBatchEvents: number;
  maxBatchBytes: number;
  flushIntervalMs: number;
  recordDelayMs: number;
  maxQueueEvents: number;
  maxQueueBytes: number;
  maxStoredEvents: number;
  maxStoredBytes: number;
  sessionTimeoutMs: number;
  sessionMaxMs: number;
  beforeSend: BrowserOptions['beforeSend'];
  onError: BrowserOptions['onError'];
}
