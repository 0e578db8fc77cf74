import { createRelayTransport } from '../delivery/create-relay-transport.js';
import type { BrowserOptions } from '../options/browser-options.js';
import type { ShoptelBrowser } from './browser-client.js';
import { onServer } from './on-server.js';
import { startServerClient } from './server-client.js';
import { type BeforeCaptures, startClient } from './start-client.js';

/**
 * Starts storefront capture, delivering through the relay at `endpoint`. Throws only for invalid
 * options. In a server render (no `window`) it checks the options and returns a client whose
 * methods do nothing.
 * A page has one client: a second call returns the running one, options unchanged (`shutdown()`
 * it first to start anew).
 *
 * @example
 * const shoptel = init({ consent: 'pending' });
 * shoptel.trackCartAdd({ productId: 'sku-1', price: 19.9, quantity: 1, currency: 'EUR' });
 */
export function init(options?: BrowserOptions): ShoptelBrowser {
  // Only the npm entry: the script tag always runs in a page.
  // `init(null)` from plain JavaScript (a config that is not set) is `init()`.
  const given = options ?? undefined;
  return onServer() ? startServerClient(given) : startRelayClient(given);
}

/** `init`, with `beforeCaptures` run before the automatic captures start (for the script tag). */
export function startRelayClient(options?: BrowserOptions, beforeCaptures?: BeforeCaptures): ShoptelBrowser {
  return startClient(options, (o, report) => createRelayTransport(o.endpoint, report), beforeCaptures);
}
