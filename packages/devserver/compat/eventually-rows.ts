import { eventually } from '../contract/eventually.js';
import type { DevServer } from '../src/index.js';
import { type Answer, search } from '../test/helpers.js';

/**
 * Runs `sql` until it answers `count` hits: third-party clients ship in the background (timers,
 * page exit, worker threads), so their rows arrive when they arrive. Waits on the data, never on
 * a clock; gives up after a generous bound with the last answer.
 */
export function rowsWhenArrived(server: DevServer, sql: string, count: number, query = ''): Promise<Answer> {
  return eventually(
    () => search(server, sql, {}, query),
    (answer) => answer.status === 200 && answer.json.hits.length === count,
    { timeoutMs: 30_000 },
  );
}
