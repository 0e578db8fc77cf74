import type { ShoptelBrowser } from '../client/browser-client.js';
import type { BeforeCaptures } from '../client/start-client.js';
import type { BrowserOptions } from '../options/browser-options.js';
import { readScriptOptions } from './read-script-options.js';
import { type QueuedCall, replayCalls } from './replay-calls.js';

/** What `window.shoptel` becomes: the client, plus `push` so the stub's calls keep working. */
type GlobalShoptel = ShoptelBrowser & { push(...calls: QueuedCall[]): void; loaded: true };

/**
 * The script tag's start (the only code that touches globals): options from
 * `window.shoptelConfig` and the tag's `data-*` attributes, the stub's state calls replayed
 * before the automatic captures start and its other calls after them, in order,
 * `window.shoptel` replaced by the client. A second copy of a tag only warns.
 */
export function startGlobal<O extends BrowserOptions>(
  start: (options: O, beforeCaptures: BeforeCaptures) => ShoptelBrowser,
): void {
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
  const calls = existing ?? [];
  // The stub's identify/setConsent/reset first, so the load's page view carries them; its track
  // calls after it, in order, each with the time it was made.
  const client = start({ ...host.shoptelConfig, ...readScriptOptions(document.currentScript) } as O, (c) =>
    replayCalls(c, calls, true),
  );
  const global = client as GlobalShoptel;
  global.push = (...calls) => replayCalls(client, calls);
  global.loaded = true;
  host.shoptel = global;
  replayCalls(client, calls, false);
}
