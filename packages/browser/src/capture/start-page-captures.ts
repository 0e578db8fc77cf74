import type { ResolvedBrowserOptions } from '../options/browser-options.js';
import type { Guard, Stoppable, TrackFn } from './capture-types.js';
import type { HeldPurchase } from './create-held-purchase.js';
import { findProducts } from './find-products.js';
import { findPurchase, orderIdFromUrl } from './find-purchase.js';
import { readUrlParams } from './read-url-params.js';
import { watchRoutes } from './watch-routes.js';

/** SPA views render after the route changes: DOM changes are read for this long after it. */
const LATE_RENDER_MS = 2000;

/**
 * Everything captured per page: the page view, a search in the URL, checkout and purchase URL
 * patterns (after an SPA navigation held until the app sets the new title, `create-held-view.ts`;
 * a URL's purchase held for a richer one, `create-held-purchase.ts`),
 * then product views (once the DOM is there on load; after an SPA navigation on each
 * DOM change for a while, where the new view renders) and a `[data-shoptel-purchase]` order. Each product and order
 * counts once per page. The DOM is read in the mutation callback itself, so a view is recorded
 * before the shopper can click anything in it.
 */
export function startPageCaptures(
  options: ResolvedBrowserOptions,
  track: TrackFn,
  isNewSearch: (query: string) => boolean,
  guard: Guard,
  holdView: (run: () => void) => void,
  holdPurchase: HeldPurchase['hold'],
): Stoppable {
  const { capture } = options;
  let route = 0;
  let seen = new Set<string>();
  // The elements whose products this route counted, and those of the route before: after an SPA
  // navigation the old view stays in the DOM until the new one renders, and any change meanwhile
  // (a loading bar) must not count its products for the new page.
  let counted = new WeakMap<Element, string>();
  let stale = counted;
  let watching: ReturnType<typeof setTimeout> | undefined;
  let rendered = false;

  const scan = (id: number) =>
    guard(() => {
      if (id !== route) return;
      if (capture.productViews)
        for (const product of findProducts(document)) {
          const id = String(product.productId);
          if (stale.get(product.element) === id || seen.has(id)) continue;
          seen.add(id);
          counted.set(product.element, id);
          track('PRODUCT_VIEW', product, 'auto');
        }
      const order = capture.checkout ? findPurchase(document) : undefined;
      if (order && !seen.has(`order:${order.orderId}`)) {
        seen.add(`order:${order.orderId}`);
        track('PURCHASE', order, 'auto');
      }
    });

  /** The events a URL itself makes, with the page and time of the navigation. */
  const trackUrlEvents = (here: Location | URL, page: { page: string; url: string }, timeMs: number) => {
    holdPurchase(); // the previous page's, before this page's events
    if (capture.pageViews)
      track('PAGE_VIEW', { ...page, title: document.title || undefined }, 'auto', timeMs);
    if (capture.search) {
      const params = readUrlParams(here);
      const query = options.searchParams.map((name) => params.get(name)?.trim()).find(Boolean);
      if (query && isNewSearch(query)) track('SEARCH', { query, ...page }, 'auto', timeMs);
    }
    if (capture.checkout) {
      if (options.checkoutUrlPatterns.some((pattern) => pattern.test(here.href)))
        track('CHECKOUT', page, 'auto', timeMs);
      for (const pattern of options.purchaseUrlPatterns) {
        const orderId = orderIdFromUrl(pattern, here);
        // The fallback: the page's GA4 purchase or markup, with amount and lines, wins.
        if (orderId) holdPurchase(() => track('PURCHASE', { orderId, ...page }, 'auto', timeMs));
      }
    }
  };

  /** `restored`: the page is back from the back/forward cache, its view shown anew. */
  const onRoute = (restored?: boolean) => {
    const id = ++route;
    seen = new Set();
    stale = restored ? new WeakMap() : counted;
    counted = new WeakMap();
    const here = new URL(location.href);
    const page = { page: here.pathname, url: here.href };
    // The load's title is there, unless the tag runs before the parser reached <title> (high in
    // <head>); after an SPA navigation the app sets it shortly after. Either way the view waits.
    if (id === 1 && (document.title || document.readyState !== 'loading'))
      trackUrlEvents(here, page, Date.now());
    else {
      const timeMs = Date.now();
      holdView(() => trackUrlEvents(here, page, timeMs));
    }
    if (id === 1) {
      if (document.readyState === 'loading') addEventListener('DOMContentLoaded', scan(id), { once: true });
      else setTimeout(scan(id), 0);
    }
    if (!renders) return;
    // After an SPA navigation the old view is still in the DOM: read it only once it changes, or,
    // when nothing changes (a view rendered before the URL), once the window has passed.
    rendered = id === 1;
    renders.observe(document, { childList: true, subtree: true });
    clearTimeout(watching);
    watching = setTimeout(() => {
      renders.disconnect();
      if (!rendered) scan(id)();
    }, LATE_RENDER_MS);
  };

  const renders =
    capture.productViews || capture.checkout
      ? new MutationObserver(() => {
          rendered = true;
          scan(route)();
        })
      : undefined;
  const routes = watchRoutes(options.trackQueryChanges, onRoute, guard);
  return {
    stop() {
      routes.stop();
      renders?.disconnect();
      clearTimeout(watching);
    },
  };
}
