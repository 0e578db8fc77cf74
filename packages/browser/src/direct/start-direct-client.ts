import type { ShoptelBrowser } from '../client/browser-client.js';
import { type BeforeCaptures, startClient } from '../client/start-client.js';
import { createDirectTransport } from './create-direct-transport.js';
import { type DirectBrowserOptions, resolveTarget } from './direct-options.js';

/** The direct `init`, with `beforeCaptures` run before the automatic captures start (for the script tag). */
export function startDirectClient(
  options: DirectBrowserOptions,
  beforeCaptures?: BeforeCaptures,
): ShoptelBrowser {
  const target = resolveTarget(options?.openobserve);
  return startClient(options, (_o, report) => createDirectTransport(target, report), beforeCaptures);
}
