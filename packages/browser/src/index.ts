// The public API of @shoptel/browser (npm). The script tag's entry is global.ts.

export type { BrowserProblem, ShoptelBrowser } from './client/browser-client.js';
export { init } from './client/init.js';
export type {
  BehaviorEventType,
  BehaviorRecord,
  BehaviorSource,
  WireItem,
} from './events/behavior-record.js';
export type {
  CartProps,
  ItemProps,
  OrderProps,
  PageViewProps,
  ProductProps,
  PurchaseProps,
  SearchProps,
} from './events/event-props.js';
export type { AutoCaptureOptions, BrowserOptions, ConsentState } from './options/browser-options.js';
export {
  DEFAULT_ENDPOINT,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_MAX_BATCH_EVENTS,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_MAX_QUEUE_EVENTS,
  DEFAULT_MAX_STORED_BYTES,
  DEFAULT_MAX_STORED_EVENTS,
  DEFAULT_SEARCH_PARAMS,
  DEFAULT_SESSION_MAX_MS,
  DEFAULT_SESSION_TIMEOUT_MS,
} from './options/resolve-browser-options.js';
export type { ProblemReason } from './report/report.js';
