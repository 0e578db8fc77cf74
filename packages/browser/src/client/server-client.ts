import type { BrowserOptions } from '../options/browser-options.js';
import { resolveBrowserOptions } from '../options/resolve-browser-options.js';
import type { ShoptelBrowser } from './browser-client.js';

const nothing = () => {};
const settled = () => Promise.resolve();

/**
 * What `init` returns in a server render: the options are checked as in the browser (a bad one
 * throws on the server too, naming the field), then every method does nothing — the same code
 * runs again in the browser, where `init` starts the real client. Nothing is kept: the browser's
 * `init` is not taken for a second one.
 */
export function startServerClient(options: BrowserOptions | undefined): ShoptelBrowser {
  // A path endpoint is checked against a stand-in origin: a server has no page URL.
  resolveBrowserOptions(options, 'http://localhost/');
  return {
    trackPageView: nothing,
    trackProductView: nothing,
    trackSearch: nothing,
    trackCartAdd: nothing,
    trackCartRemove: nothing,
    trackCheckout: nothing,
    trackPurchase: nothing,
    identify: nothing,
    reset: nothing,
    setConsent: nothing,
    flush: settled,
    shutdown: settled,
  };
}
