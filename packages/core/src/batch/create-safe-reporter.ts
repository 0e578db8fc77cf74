import type { ResolvedClientOptions } from './client-options.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';

/** How the client's internal failures reach `onError` without ever breaking delivery. */
export interface SafeReporter {
  /** Hands `error` to `onError`; a throwing or rejecting handler is ignored. */
  report(error: DeliveryError): void;
  /** Runs `work`; an exception it throws is reported as `internal` instead of escaping. */
  guarded(work: () => void): void;
}

export function createSafeReporter(o: Pick<ResolvedClientOptions, 'onError'>): SafeReporter {
  const report = (error: DeliveryError) => {
    try {
      const returned: unknown = o.onError(error);
      // An async handler (`async (e) => await sentry.send(e)`) that rejects would otherwise be an
      // unhandled rejection, which ends a Node process by default.
      if (typeof (returned as { then?: unknown } | undefined)?.then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, () => {});
      }
    } catch {
      // A throwing onError must not break delivery.
    }
  };

  function guarded(work: () => void) {
    try {
      work();
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `client error: ${describeValue(error)}`,
        count: 0,
      });
    }
  }

  return { report, guarded };
}
