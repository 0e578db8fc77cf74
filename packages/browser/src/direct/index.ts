// `@shoptel/browser/direct`: the same client, delivering to OpenObserve itself instead of the relay.
import type { ShoptelBrowser } from '../client/browser-client.js';
import { onServer } from '../client/on-server.js';
import { startServerClient } from '../client/server-client.js';
import { type DirectBrowserOptions, resolveTarget } from './direct-options.js';
import { startDirectClient } from './start-direct-client.js';

export type { DirectBrowserOptions, OpenObserveTarget } from './direct-options.js';

/**
 * Starts storefront capture delivering straight to OpenObserve with an ingestion-only token
 * given at runtime. Throws only for invalid options, naming the field. In a server render (no
 * `window`) it checks the options and returns a client whose methods do nothing.
 * A page has one client: a second call returns the running one, options unchanged (`shutdown()`
 * it first to start anew).
 *
 * @example
 * init({ openobserve: { url: 'https://o2.shop.example', org: 'shop', token: config.ingestToken } });
 */
export function init(options: DirectBrowserOptions): ShoptelBrowser {
  if (!onServer()) return startDirectClient(options);
  resolveTarget(options?.openobserve);
  return startServerClient(options);
}
