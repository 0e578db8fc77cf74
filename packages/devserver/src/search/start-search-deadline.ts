import type { RequestInfo } from '../server/server-context.js';
import { SearchError, SearchErrorCode } from './search-error.js';

/** Why a search stopped early: its reason is what the handler answers (or nothing, if gone). */
export interface SearchDeadline {
  /** Aborts at the deadline (with a 20010 `SearchError`) or when the client disconnects. */
  signal: AbortSignal;
  /** Clears the timer and the disconnect listener. */
  stop(): void;
}

/** Thrown when the client left before its answer; nobody is left to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/**
 * Starts a search's deadline (`timeoutMs`, 0 = none) and watches the client: either aborts the
 * signal, which takes the search out of the queue for a read connection or interrupts its
 * DuckDB query, so that abandoned searches do not hold the pool.
 */
export function startSearchDeadline(info: RequestInfo, timeoutMs: number): SearchDeadline {
  const controller = new AbortController();
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          controller.abort(
            new SearchError(
              SearchErrorCode.Timeout,
              'Search query timed out',
              `the search ran longer than ${timeoutMs} ms (searchTimeoutMs)`,
            ),
          );
        }, timeoutMs)
      : undefined;
  // `close` on the response before it is finished means the connection went away.
  const onClose = () => {
    if (!info.response.writableFinished) controller.abort(new ClientGoneError('client disconnected'));
  };
  info.response.once('close', onClose);
  return {
    signal: controller.signal,
    stop() {
      clearTimeout(timer);
      info.response.off('close', onClose);
    },
  };
}
