/**
 * What OpenObserve's planner does to a `_search` query that the SQL does not say: a simple query
 * (one stream, no aggregate/GROUP BY/DISTINCT/JOIN/subquery/UNION/WITH) without ORDER BY comes back
 * newest first, also under its own LIMIT (`AddSortAndLimitRule`, whose tests expect
 * `select * from t limit 3` → the three largest `_timestamp`s); an unaliased `count(*)` is keyed
 * `count(*)` (DataFusion's name, same tests); `match_all` on a stream without full-text fields is
 * refused as 20001 (`MatchVisitor` → `SearchSQLNotValid` in `src/search/src/sql/mod.rs`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { nowUs, recentWindowUs, SECOND_US } from './time-window.js';

let target: ContractTarget;
let stream: string;
const SIZE = 5;

beforeAll(async () => {
  target = await startContractTarget();
  stream = target.uniqueStream('planner_defaults');
  // Written oldest first, so storage order is the opposite of OpenObserve's default order.
  const base = nowUs() - 60 * SECOND_US;
  await target.ingestJson(
    stream,
    Array.from({ length: SIZE }, (_, seq) => ({ _timestamp: base + seq * SECOND_US, seq, amount: seq })),
  );
  expect(await countRowsWhenSettled(target, stream, SIZE)).toBe(SIZE);
});
afterAll(() => target?.stop());

async function seqs(query: string, options: { from?: number; size?: number } = {}) {
  const { startUs, endUs } = recentWindowUs();
  const result = await target.search(query, startUs, endUs, options);
  expect(result.status).toBe(200);
  return result.body?.hits?.map((hit) => hit.seq);
}

describe('a simple query without ORDER BY', () => {
  it('returns the newest rows first', async () => {
    expect(await seqs(sql`SELECT * FROM ${identifier(stream)}`)).toEqual([4, 3, 2, 1, 0]);
  });

  it('keeps the newest rows under its own LIMIT', async () => {
    expect(await seqs(sql`SELECT seq FROM ${identifier(stream)} LIMIT 2`, { size: -1 })).toEqual([4, 3]);
  });

  it('pages newest first with from and size', async () => {
    const query = sql`SELECT seq FROM ${identifier(stream)} WHERE amount >= ${0}`;
    expect(await seqs(query, { from: 1, size: 2 })).toEqual([3, 2]);
  });

  it('keeps an ORDER BY the SQL gives', async () => {
    expect(await seqs(sql`SELECT seq FROM ${identifier(stream)} ORDER BY seq ASC LIMIT 2`)).toEqual([0, 1]);
  });

  it('leaves aggregates and DISTINCT alone (no _timestamp to order by)', async () => {
    const { startUs, endUs } = recentWindowUs();
    const total = await target.search(
      sql`SELECT sum(amount) AS s FROM ${identifier(stream)}`,
      startUs,
      endUs,
    );
    expect(total.body?.hits).toEqual([{ s: 10 }]);
    const distinct = await target.search(
      sql`SELECT DISTINCT amount FROM ${identifier(stream)} WHERE amount < ${2}`,
      startUs,
      endUs,
    );
    expect(distinct.status).toBe(200);
    expect(distinct.body?.hits).toHaveLength(2);
  });
});

describe('result names and refusals', () => {
  it('keys an unaliased count(*) as "count(*)"', async () => {
    const { startUs, endUs } = recentWindowUs();
    const result = await target.search(sql`SELECT count(*) FROM ${identifier(stream)}`, startUs, endUs);
    expect(result.body?.hits).toEqual([{ 'count(*)': SIZE }]);
  });

  it('refuses match_all on a stream without full-text fields with 20001', async () => {
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT * FROM ${identifier(stream)} WHERE match_all(${'x'})`;
    const result = await target.search(query, startUs, endUs);
    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(20001);
    expect(result.headers.get('x-error-message')).toBe('20001');
  });
});
