import { identifier, sql } from './sql.js';
import type { ContractTarget } from './target.js';
import { recentWindowUs, type WindowUs } from './time-window.js';

/**
 * `COUNT(*)` of a stream over the recent window (or `options.window`), polled until it reaches `expected`
 * (search is eventually consistent on OpenObserve). Returns the last count seen, so a wrong number fails
 * with the real value.
 */
export async function countRowsWhenSettled(
  target: ContractTarget,
  stream: string,
  expected: number,
  options: { type?: 'logs' | 'metrics' | 'traces'; window?: WindowUs } = {},
): Promise<number | undefined> {
  const { startUs, endUs } = options.window ?? recentWindowUs();
  const result = await target.searchUntil(
    sql`SELECT COUNT(*) AS cnt FROM ${identifier(stream)}`,
    startUs,
    endUs,
    (answer) => readCount(answer.body?.hits?.[0]) === expected,
    { type: options.type },
  );
  return readCount(result.body?.hits?.[0]);
}

function readCount(hit: Record<string, unknown> | undefined): number | undefined {
  return hit === undefined ? undefined : Number(hit.cnt);
}
