import type { Guard } from './capture-types.js';
/** How long an SPA page view waits for the app to set the new `document.title`. */
export const TITLE_WAIT_MS = 100;

/** One SPA page view held back until the app has had the chance to set the new title. */
export interface HeldView {
  /** Holds `run` (the view's tracking), sending any view held before it first. */
  hold(run: () => void): void;
  /** Runs the held view now: before any other event, so events stay in order, and at page exit. */
  flush(): void;
}

/**
 * Routers set `document.title` after `pushState` (in an effect, a microtask or an animation
 * frame), so an SPA view tracked at once would carry the previous page's title. A held view runs
 * when the title changes, after `TITLE_WAIT_MS` at the latest, or as soon as anything else is
 * tracked. The caller passes the navigation's time and URL so they stay those of the navigation.
 */
export function createHeldView(guard: Guard): HeldView {
  let held: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Timers and observers run outside any call of the page's: a failure is reported, never thrown.
  const titles = new MutationObserver(guard(() => flush()));
  function flush() {
    // Runs before every event: with nothing held, no timer or observer call (each costs the
    // page's main thread, most at one event per task).
    if (!held) return;
    const run = held;
    held = undefined;
    clearTimeout(timer);
    titles.disconnect();
    run?.();
  }
  return {
    hold(run) {
      flush();
      held = run;
      timer = setTimeout(guard(flush), TITLE_WAIT_MS);
      if (document.head)
        titles.observe(document.head, { childList: true, subtree: true, characterData: true });
    },
    flush,
  };
}
