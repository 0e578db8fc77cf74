import type { ResolvedBrowserOptions } from '../options/browser-options.js';
import type { Guard, Stoppable, TrackFn } from './capture-types.js';
import { findProducts } from './find-products.js';
import { findPurchase, orderIdFromUrl } from './find-purchase.js';
import { watchRoutes } from './watch-routes.js';

/** SPA views render after the route changes: the page is read again after this delay. */
const LATE_RENDER_MS = 1000;

/**
 * Everything captured per page: the page view, a search in the URL, checkout and purchase URL
 * patterns, then (once the DOM is there, and again after late rendering) product views and a
 * `[data-shoptel-purchase]` order. Each product and order counts once per page.
 */
export function startPageCaptures(
  options: ResolvedBrowserOptions,
  track: TrackFn,
  isNewSearch: (query: string) => boolean,
  guard: Guard,
): Stoppable {
  const { capture } = options;
  let route = 0;
  let seen = new Set<string>();

  const scan = (id: number) =>
    guard(() => {
      if (id !== route) return;
      if (capture.productViews)
        for (const product of findProducts(document)) {
          if (seen.has(product.productId!)) continue;
          seen.add(product.productId!);
          track('PRODUCT_VIEW', product, 'auto');
        }
      const order = capture.checkout ? findPurchase(document) : undefined;
      if (order && !seen.has(`order:${order.orderId}`)) {
        seen.add(`order:${order.orderId}`);
        track('PURCHASE', order, 'auto');
      }
    });

  const onRoute = () => {
    const id = ++route;
    seen = new Set();
    if (capture.pageViews) track('PAGE_VIEW', {}, 'auto');
    if (capture.search) {
      const params = new URLSearchParams(location.search);
      const query = options.searchParams.map((name) => params.get(name)?.trim()).find(Boolean);
      if (query && isNewSearch(query)) track('SEARCH', { query }, 'auto');
    }
    if (capture.checkout) {
      if (options.checkoutUrlPatterns.some((pattern) => pattern.test(location.href)))
        track('CHECKOUT', {}, 'auto');
      for (const pattern of options.purchaseUrlPatterns) {
        const orderId = orderIdFromUrl(pattern, location);
        if (orderId) {
          seen.add(`order:${orderId}`);
          track('PURCHASE', { orderId }, 'auto');
        }
      }
    }
    if (document.readyState === 'loading') addEventListener('DOMContentLoaded', scan(id), { once: true });
    else setTimeout(scan(id), 0);
    setTimeout(scan(id), LATE_RENDER_MS);
  };

  return watchRoutes(options.trackQueryChanges, onRoute, guard);
}
