/**
 * `query.track_total_hits: true` on `_search` (`TrackTotalHitsVisitor`, `src/search/src/sql/rewriter/
 * track_total_hits.rs`, and `total` read from `zo_sql_num` in the cluster search): the outermost SELECT
 * list becomes `count(*) AS zo_sql_num` and GROUP BY/HAVING/ORDER BY are dropped (WHERE stays);
 * SELECT DISTINCT and UNION are counted as a subquery. Not Elasticsearch's "rows plus a total".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { recentWindowUs } from './time-window.js';

let target: ContractTarget;
let stream: string;

beforeAll(async () => {
  target = await startContractTarget();
  stream = target.uniqueStream('track_total');
  const records = [1, 2, 3, 4, 5, 6].map((seq) => ({ seq, product_id: `p${seq % 2}` }));
  await target.ingestJson(stream, records);
  expect(await countRowsWhenSettled(target, stream, records.length)).toBe(records.length);
});
afterAll(() => target?.stop());

describe('track_total_hits: true', () => {
  it('answers the count of the WHERE as hits [{zo_sql_num}] and total, whatever size says', async () => {
    const result = await trackedSearch(sql`SELECT seq FROM ${identifier(stream)} WHERE seq > ${2}`, {
      size: 2,
    });
    expect(result).toEqual({ status: 200, hits: [{ zo_sql_num: 4 }], total: 4 });
  });

  it('counts rows, not groups, for a GROUP BY (the grouping is dropped)', async () => {
    const query = sql`SELECT product_id, count(*) AS n FROM ${identifier(stream)} GROUP BY product_id ORDER BY n`;
    const result = await trackedSearch(query);
    expect(result).toEqual({ status: 200, hits: [{ zo_sql_num: 6 }], total: 6 });
  });

  it('counts distinct rows for SELECT DISTINCT', async () => {
    const result = await trackedSearch(sql`SELECT DISTINCT product_id FROM ${identifier(stream)}`);
    expect(result).toEqual({ status: 200, hits: [{ zo_sql_num: 2 }], total: 2 });
  });
});

/** `track_total_hits` lives inside `query`, which `target.search` builds itself. */
async function trackedSearch(query: string, extra: { size?: number } = {}) {
  const { startUs, endUs } = recentWindowUs();
  const response = await target.fetchPath(`/api/${target.org}/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: { sql: query, start_time: startUs, end_time: endUs, track_total_hits: true, ...extra },
    }),
  });
  const body = (await response.json()) as { hits: unknown[]; total: number };
  return { status: response.status, hits: body.hits, total: body.total };
}
