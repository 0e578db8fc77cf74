/**
 * OpenObserve adds `_timestamp` to the SELECT list of a query that does not read it
 * (`AddTimestampVisitor`, `src/service/search/sql/rewriter/add_timestamp.rs`: `SELECT name, age FROM
 * users` → `SELECT _timestamp, name, age FROM users`). `Sql::new` runs it only when the query is not
 * complex (`is_complex_query_stmt`, `src/config/src/utils/sql/complex_query.rs`): any aggregate of
 * its list, FILTER/OVER/WITHIN GROUP, GROUP BY, HAVING, DISTINCT, a JOIN or second FROM item, a FROM
 * that is not a stream, WITH, UNION/EXCEPT/INTERSECT or a subquery leaves the SELECT list as written,
 * and so does `track_total_hits` (rewritten to a count first). A `*`, or an item whose expression
 * reads `_timestamp` (whatever its alias), counts as already giving it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { nowUs, recentWindowUs, SECOND_US } from './time-window.js';

let target: ContractTarget;
let stream: string;
let base: number;
const PRODUCTS = ['a', 'b', 'a', 'b'];

beforeAll(async () => {
  target = await startContractTarget();
  stream = target.uniqueStream('adds_timestamp');
  base = nowUs() - 60 * SECOND_US;
  const records = PRODUCTS.map((product, seq) => ({ _timestamp: timestampOf(seq), seq, product }));
  await target.ingestJson(stream, records);
  expect(await countRowsWhenSettled(target, stream, records.length)).toBe(records.length);
});
afterAll(() => target?.stop());

function timestampOf(seq: number): number {
  return base + seq * SECOND_US;
}

async function hits(query: string) {
  const { startUs, endUs } = recentWindowUs();
  const result = await target.search(query, startUs, endUs);
  expect(result.status).toBe(200);
  return result.body?.hits;
}

describe('a simple query whose SELECT list does not read _timestamp', () => {
  it('answers _timestamp first, before the columns asked for', async () => {
    const found = await hits(sql`SELECT seq, product FROM ${identifier(stream)} WHERE seq = ${2}`);
    expect(found).toEqual([{ _timestamp: timestampOf(2), seq: 2, product: 'a' }]);
    expect(Object.keys(found?.[0] ?? {})).toEqual(['_timestamp', 'seq', 'product']);
  });

  it('adds it next to aliased expressions and under the query’s own ORDER BY and LIMIT', async () => {
    const found = await hits(
      sql`SELECT seq * ${10} AS tens FROM ${identifier(stream)} ORDER BY seq ASC LIMIT ${2}`,
    );
    expect(found).toEqual([
      { _timestamp: timestampOf(0), tens: 0 },
      { _timestamp: timestampOf(1), tens: 10 },
    ]);
  });
});

describe('a SELECT list that already gives _timestamp', () => {
  it('leaves * as it is', async () => {
    const found = await hits(sql`SELECT * FROM ${identifier(stream)} WHERE seq = ${3}`);
    expect(found).toEqual([{ _timestamp: timestampOf(3), seq: 3, product: 'b' }]);
  });

  it('adds nothing when an aliased item reads _timestamp', async () => {
    const found = await hits(sql`SELECT _timestamp AS t, seq FROM ${identifier(stream)} WHERE seq = ${1}`);
    expect(found).toEqual([{ t: timestampOf(1), seq: 1 }]);
  });

  it('adds nothing when _timestamp is read inside a function', async () => {
    const query = sql`SELECT histogram(_timestamp, ${'1 minute'}) AS bucket, seq FROM ${identifier(stream)} WHERE seq = ${1}`;
    const found = await hits(query);
    expect(found).toEqual([{ bucket: expect.any(String), seq: 1 }]);
  });
});

describe('complex queries keep the SELECT list as written', () => {
  it('aggregates without GROUP BY', async () => {
    expect(await hits(sql`SELECT max(seq) AS top FROM ${identifier(stream)}`)).toEqual([{ top: 3 }]);
  });

  it('GROUP BY', async () => {
    const query = sql`SELECT product, count(*) AS n FROM ${identifier(stream)} GROUP BY product ORDER BY product`;
    expect(await hits(query)).toEqual([
      { product: 'a', n: 2 },
      { product: 'b', n: 2 },
    ]);
  });

  it('DISTINCT', async () => {
    const query = sql`SELECT DISTINCT product FROM ${identifier(stream)} ORDER BY product`;
    expect(await hits(query)).toEqual([{ product: 'a' }, { product: 'b' }]);
  });

  it('a subquery in WHERE', async () => {
    const s = identifier(stream);
    const query = sql`SELECT seq FROM ${s} WHERE seq IN (SELECT seq FROM ${s} WHERE seq > ${1}) ORDER BY seq`;
    expect(await hits(query)).toEqual([{ seq: 2 }, { seq: 3 }]);
  });

  it('a FROM subquery or a CTE', async () => {
    const s = identifier(stream);
    const derived = sql`SELECT seq FROM (SELECT seq FROM ${s} WHERE seq < ${2}) AS x ORDER BY seq`;
    expect(await hits(derived)).toEqual([{ seq: 0 }, { seq: 1 }]);
    const cte = sql`WITH c AS (SELECT seq FROM ${s} WHERE seq < ${2}) SELECT seq FROM c ORDER BY seq`;
    expect(await hits(cte)).toEqual([{ seq: 0 }, { seq: 1 }]);
  });

  it('a window function', async () => {
    const query = sql`SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM ${identifier(stream)} ORDER BY seq LIMIT ${1}`;
    expect(await hits(query)).toEqual([{ seq: 0, n: 1 }]);
  });
});
