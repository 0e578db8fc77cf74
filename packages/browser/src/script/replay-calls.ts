import type { ShoptelBrowser } from '../client/browser-client.js';

/**
 * One queued call: `['trackCartAdd', props]`, or with the time it was made first
 * (`[Date.now(), 'trackCartAdd', props]`, what the snippet's helper pushes).
 */
export type QueuedCall = unknown[];

/** The calls that set who is tracked and whether: the load's page view must carry them. */
const STATE_CALL = /^(identify|setConsent|reset)$/;

/**
 * Runs queued calls on the client in order; a call with a time keeps it as the event time.
 * With `state`, only the state calls (`identify`, `setConsent`, `reset`: `true`) or only the
 * others (`false`), so the script tag can replay the first before its automatic captures start.
 */
export function replayCalls(client: ShoptelBrowser, calls: QueuedCall[], state?: boolean): void {
  for (const entry of calls) {
    const call: QueuedCall = Array.isArray(entry) ? entry : [];
    const timed = typeof call[0] === 'number';
    const name = call[timed ? 1 : 0] as keyof ShoptelBrowser;
    const method = client[name] as ((...args: unknown[]) => unknown) | undefined;
    // A call that is none (`shoptel.push(null)`, a typo: `trackCartadd`) does nothing; the debug
    // build says so, once (not in the state calls' pass).
    if (typeof method !== 'function') {
      if (__SHOPTEL_DEBUG__ && state !== true) console.warn('shoptel: no such call:', entry);
      continue;
    }
    if (state !== undefined && state !== STATE_CALL.test(name)) continue;
    // The track methods take the call time as their second argument; the others ignore it.
    method.apply(client, timed ? [call[2], call[0]] : call.slice(1));
  }
}
