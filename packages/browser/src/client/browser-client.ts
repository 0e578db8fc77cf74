import type {
  CartProps,
  OrderProps,
  PageViewProps,
  ProductProps,
  PurchaseProps,
  SearchProps,
} from '../events/event-props.js';
import type { ConsentState } from '../options/browser-options.js';
import type { BrowserProblem } from '../report/report.js';

/**
 * What `init()` returns (and `window.shoptel` is, for the script tag). No method throws; problems
 * go to `onError` with a reason.
 */
export interface ShoptelBrowser {
  trackPageView(props?: PageViewProps): void;
  trackProductView(props: ProductProps): void;
  trackSearch(props: SearchProps): void;
  trackCartAdd(props: CartProps): void;
  trackCartRemove(props: CartProps): void;
  trackCheckout(props?: OrderProps): void;
  /** Counted once per `orderId`, also across page loads. */
  trackPurchase(props: PurchaseProps): void;
  /** Ties later events to a user id (persisted first-party). */
  identify(userId: string): void;
  /** Forgets the user: a new anonymous id, no user id, a new session. */
  reset(): void;
  /** `pending`: memory only, nothing sent; `granted`: persist and send; `denied`: clear everything. */
  setConsent(state: ConsentState): void;
  /** Sends everything queued now. */
  flush(): Promise<void>;
  /**
   * Stops the automatic captures, flushes, then removes every other listener and wrapper; later
   * calls do nothing, and `init` may start a new client.
   */
  shutdown(): Promise<void>;
}

export type { BrowserProblem };
