import type { ErrorReporter, ShoptelNodeError } from './node-error.js';

const REPEAT_AFTER_MS = 60_000;

/**
 * Wraps the user's `onError` so that a throw or a rejected promise from it never reaches the host.
 * Without one: a console warning, at most one per reason a minute (repairs are routine and only
 * counted), as core does.
 */
export function createErrorReporter(
  onError: ((error: ShoptelNodeError) => unknown) | undefined,
  now: () => number = Date.now,
): ErrorReporter {
  if (onError !== undefined) {
    return (error) => {
      try {
        const result = onError(error);
        if (result instanceof Promise) result.catch(() => {});
      } catch {
        // The host's own handler failed; nothing sensible is left to report to.
      }
    };
  }
  const lastWarned = new Map<string, number>();
  return (error) => {
    if (error.reason === 'record_repaired') return;
    const at = now();
    const last = lastWarned.get(error.reason);
    if (last !== undefined && at - last < REPEAT_AFTER_MS) return;
    lastWarned.set(error.reason, at);
    console.warn(`[shoptel] ${error.reason}: ${error.message}`);
  };
}
