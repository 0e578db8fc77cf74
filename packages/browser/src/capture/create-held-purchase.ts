import type { Guard } from './capture-types.js';

/**
 * How long a purchase read from a URL pattern waits for a richer one on its page: long enough for
 * a tag manager loaded late on a slow connection, or an app that fetches the order before it
 * pushes it. A richer one after it is stored too, as a second row for the order (the tracker).
 */
export const URL_PURCHASE_WAIT_MS = 10_000;

/** Holds the purchase a URL pattern found; see `createHeldPurchase`. */
export interface HeldPurchase {
  /** Sends the purchase held (if any), then holds `run`'s. Without `run`: sends, at a new page or page exit. */
  hold(run?: () => void): void;
  /** Drops the purchase held: a richer one was tracked. */
  cancel(): void;
}

/**
 * A purchase URL pattern knows the order id only; the confirmation page's GA4 `purchase` or
 * `[data-shoptel-purchase]`, with the amount and lines, often comes after it (a tag manager's
 * push, an SPA's render). So the URL's purchase waits: a purchase tracked meanwhile takes its
 * place, else it is sent after `URL_PURCHASE_WAIT_MS`, on the next page or at page exit.
 */
export function createHeldPurchase(guard: Guard): HeldPurchase {
  let held: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hold = (run?: () => void) => {
    clearTimeout(timer);
    const send = held;
    held = undefined;
    send?.();
    held = run;
    // Outside any call of the page's: a failure is reported, never thrown.
    if (run) timer = setTimeout(guard(hold), URL_PURCHASE_WAIT_MS);
  };
  return {
    hold,
    cancel() {
      held = undefined;
    },
  };
}
