import type { ShoptelBrowser } from '../client/browser-client.js';
import type { BrowserOptions } from '../options/browser-options.js';
import { readScriptOptions } from './read-script-options.js';
import { type QueuedCall, replayCall } from './replay-calls.js';

/** What `window.shoptel` becomes: the client, plus `push` so the stub's calls keep working. */
type GlobalShoptel = ShoptelBrowser & { push(...calls: QueuedCall[]): void; loaded: true };

/**
 * The script tag's start (the only code that touches globals): options from
 * `window.shoptelConfig` and the tag's `data-*` attributes, the stub's calls replayed in order,
 * `window.shoptel` replaced by the client. A second copy of a tag only warns.
 */
export function startGlobal<O extends BrowserOptions>(init: (options: O) => ShoptelBrowser): void {
  const host = window as unknown as {
    shoptel?: QueuedCall[] | GlobalShoptel;
    shoptelConfig?: O;
  };
  const existing = host.shoptel;
  if (existing && !Array.isArray(existing)) {
    // A second copy of the tag must not double every event.
    console.warn('shoptel: loaded twice; this copy does nothing');
    return;
  }
  const client = init({ ...host.shoptelConfig, ...readScriptOptions(document.currentScript) } as O);
  const global = client as GlobalShoptel;
  global.push = (...calls) => {
    for (const call of calls) replayCall(client, call);
  };
  global.loaded = true;
  host.shoptel = global;
  for (const call of existing ?? []) replayCall(client, call);
}
