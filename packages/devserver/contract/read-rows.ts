import type { Hit } from './response-types.js';
import { identifier, sql } from './sql.js';
import type { ContractTarget, SearchOptions } from './target.js';
import { recentWindowUs, type WindowUs } from './time-window.js';

export interface ReadRowsOptions {
  /** @default recentWindowUs() */
  window?: WindowUs;
  type?: SearchOptions['type'];
}

/**
 * `SELECT *` of a stream in `_timestamp` order, polled until `expected` rows are searchable. Returns the
 * last rows seen (possibly fewer) so the caller's assertion shows what the server holds.
 */
export async function readRowsWhenSettled(
  target: ContractTarget,
  stream: string,
  expected: number,
  options: ReadRowsOptions = {},
): Promise<Hit[]> {
  const { startUs, endUs } = options.window ?? recentWindowUs();
  const result = await target.searchUntil(
    sql`SELECT * FROM ${identifier(stream)} ORDER BY _timestamp ASC`,
    startUs,
    endUs,
    (answer) => (answer.body?.hits?.length ?? 0) >= expected,
    { type: options.type },
  );
  return result.body?.hits ?? [];
}
