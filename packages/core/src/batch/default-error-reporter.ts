import type { DeliveryError } from './delivery-error.js';

declare const console: { warn(message: string): void };

const REPEAT_AFTER_MS = 60_000;

/**
 * The `onError` used when none is given: a console warning, at most one per reason a minute, so
 * losses are never silent yet a dead server cannot flood the host's logs.
 */
export function createDefaultErrorReporter(now: () => number): (error: DeliveryError) => void {
  const lastWarned = new Map<string, number>();
  return (error) => {
    if (error.reason === 'record_repaired') return; // repairs are routine; count them in stats()
    const at = now();
    const last = lastWarned.get(error.reason);
    if (last !== undefined && at - last < REPEAT_AFTER_MS) return;
    lastWarned.set(error.reason, at);
    console.warn(`[shoptel] ${error.reason}: ${error.message}`);
  };
}
