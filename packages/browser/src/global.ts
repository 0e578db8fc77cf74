// The script-tag entry (`dist/shoptel.global.js`): the only module that touches globals.
import type { ShoptelBrowser } from './client/browser-client.js';
import { init } from './client/init.js';
import type { BrowserOptions } from './options/browser-options.js';
import { readScriptOptions } from './script/read-script-options.js';
import { type QueuedCall, replayCall } from './script/replay-calls.js';

/** What `window.shoptel` becomes: the client, plus `push` so the stub's calls keep working. */
type GlobalShoptel = ShoptelBrowser & { push(...calls: QueuedCall[]): void; loaded: true };

const host = window as unknown as {
  shoptel?: QueuedCall[] | GlobalShoptel;
  shoptelConfig?: BrowserOptions;
};
const existing = host.shoptel;

if (existing && !Array.isArray(existing)) {
  // A second copy of the tag must not double every event.
  console.warn('shoptel: loaded twice; this copy does nothing');
} else {
  const client = init({ ...host.shoptelConfig, ...readScriptOptions(document.currentScript) });
  const global = client as GlobalShoptel;
  global.push = (...calls) => {
    for (const call of calls) replayCall(client, call);
  };
  global.loaded = true;
  host.shoptel = global;
  for (const call of existing ?? []) replayCall(client, call);
}
