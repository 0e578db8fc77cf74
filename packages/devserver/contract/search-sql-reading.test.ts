/**
 * SQL is read as a SQL parser reads it, not by patterns in the text: OpenObserve parses with
 * sqlparser's PostgreSqlDialect (`resolve_stream_names_with_type` and `Parser::parse_sql` in
 * `src/search/src/sql/mod.rs`), the devserver with DuckDB's parser. Escape strings (`E'…'`),
 * keywords inside literals and comments, a trailing `;` and table functions (which DataFusion's
 * `resolve_table_references` records as relations, hence streams) answer alike.
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
  stream = target.uniqueStream('sql_reading');
  await target.ingestJson(stream, [
    { seq: 1, message: "a'b" },
    { seq: 2, message: 'plain' },
  ]);
  expect(await countRowsWhenSettled(target, stream, 2)).toBe(2);
});
afterAll(() => target?.stop());

async function search(query: string) {
  const { startUs, endUs } = recentWindowUs();
  return target.search(query, startUs, endUs);
}

describe('literals and comments', () => {
  it("reads E'a\\'b' as the text a'b", async () => {
    const result = await search(sql`SELECT seq FROM ${identifier(stream)} WHERE message = E'a\\'b'`);
    expect(result.status, result.text).toBe(200);
    expect(result.body?.hits?.map((hit) => hit.seq)).toEqual([1]);
  });

  it("takes E'\\' FROM private --' for a string, not a read of a stream named private", async () => {
    const result = await search(
      sql`SELECT seq, E'\\' FROM private --' AS t FROM ${identifier(stream)} WHERE seq = ${2}`,
    );
    expect(result.status, result.text).toBe(200);
    expect(result.body?.hits).toEqual([{ _timestamp: expect.any(Number), seq: 2, t: "' FROM private --" }]);
  });

  it('ignores stream names in strings and comments, and a trailing semicolon', async () => {
    const result = await search(
      sql`SELECT count(*) AS n /* FROM nowhere */ FROM ${identifier(stream)} WHERE message <> 'x FROM nowhere'; -- FROM nowhere`,
    );
    expect(result.status, result.text).toBe(200);
    expect(result.body?.hits).toEqual([{ n: 2 }]);
  });
});

describe('table functions', () => {
  it('are taken for streams: FROM range(3) is an unknown stream (20002)', async () => {
    const result = await search('SELECT * FROM range(3)');
    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(20002);
    expect(result.headers.get('x-error-message')).toBe('20002');
  });
});
