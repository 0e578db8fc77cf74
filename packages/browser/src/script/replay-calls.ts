import type { ShoptelBrowser } from '../client/browser-client.js';

/**
 * One queued call: `['trackCartAdd', props]`, or with the time it was made first
 * (`[Date.now(), 'trackCartAdd', props]`, what the snippet's helper pushes).
 */
export type QueuedCall = unknown[];

/** Runs queued calls on the client in order; a call with a time keeps it as the event time. */
export function replayCall(client: ShoptelBrowser, call: QueuedCall): void {
  if (!Array.isArray(call)) return;
  const timed = typeof call[0] === 'number';
  const name = call[timed ? 1 : 0] as keyof ShoptelBrowser;
  const args = call.slice(timed ? 2 : 1);
  const method = client[name] as ((...args: unknown[]) => unknown) | undefined;
  if (typeof method !== 'function') return;
  // The track methods take the call time as their second argument; the others ignore it.
  method.apply(client, timed ? [args[0], call[0]] : args);
}
