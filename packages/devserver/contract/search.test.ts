/**
 * `POST /api/{org}/_search` request and response (reference §8): JSON body with `query.sql`, `start_time`,
 * `end_time` in µs (422 when missing), `from`/`size`; flat `hits` rows; two error-body shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import type { ErrorBody, SearchBody } from './response-types.js';
import { identifier, sql, sqlPart } from './sql.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { recentWindowUs } from './time-window.js';

let target: ContractTarget;
let stream: string;
const FIXTURE_SIZE = 6;

beforeAll(async () => {
  target = await startContractTarget();
  stream = target.uniqueStream('search_api');
  await target.ingestJson(
    stream,
    Array.from({ length: FIXTURE_SIZE }, (_, seq) => ({ seq, message: `record ${seq}` })),
  );
  expect(await countRowsWhenSettled(target, stream, FIXTURE_SIZE)).toBe(FIXTURE_SIZE);
});
afterAll(() => target?.stop());

function postSearch(body: string, contentType = 'application/json') {
  return target
    .fetchPath(`/api/${target.org}/_search`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    .then((response) => readHttpResult<SearchBody & ErrorBody>(response));
}

describe('request validation', () => {
  const validQuery = () => {
    const { startUs, endUs } = recentWindowUs();
    return { sql: sql`SELECT * FROM ${identifier(stream)}`, start_time: startUs, end_time: endUs };
  };

  it('a body without Content-Type: application/json answers 415', async () => {
    const result = await postSearch(JSON.stringify({ query: validQuery() }), 'text/plain');
    expect(result.status).toBe(415);
  });

  it('a body that is not JSON answers 400', async () => {
    const result = await postSearch('{"query": {');
    expect(result.status).toBe(400);
  });

  it.each(['end_time', 'start_time', 'sql'] as const)('a query without %s answers 422', async (missing) => {
    const { [missing]: _left, ...query } = validQuery();
    const result = await postSearch(JSON.stringify({ query }));
    expect(result.status).toBe(422);
  });
});

describe('response', () => {
  it('has took, hits (flat rows), total, from, size, scan_size and function_error as an array', async () => {
    const { startUs, endUs } = recentWindowUs();
    const result = await target.search(sql`SELECT * FROM ${identifier(stream)}`, startUs, endUs);

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      took: expect.any(Number),
      hits: expect.any(Array),
      total: expect.any(Number),
      from: 0,
      size: expect.any(Number),
      scan_size: expect.any(Number),
      function_error: expect.any(Array),
    });
    expect(result.body?.hits).toHaveLength(FIXTURE_SIZE);
    // Rows are flat objects (not Elasticsearch's hits.hits[]._source) and _timestamp stays an integer µs.
    const first = result.body?.hits?.[0];
    expect(first).toHaveProperty('message');
    expect(Number.isInteger(first?._timestamp)).toBe(true);
  });

  it('from and size page through the rows ordered by the SQL', async () => {
    const { startUs, endUs } = recentWindowUs();
    const result = await target.search(
      sql`SELECT seq FROM ${identifier(stream)} ORDER BY seq ASC`,
      startUs,
      endUs,
      {
        from: 2,
        size: 2,
      },
    );

    expect(result.status).toBe(200);
    expect(result.body?.hits?.map((hit) => hit.seq)).toEqual([2, 3]);
    expect(result.body).toMatchObject({ from: 2, size: 2 });
  });

  it('size -1 takes the SQL LIMIT', async () => {
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT seq FROM ${identifier(stream)} ORDER BY seq ASC LIMIT 3`;
    const result = await target.search(query, startUs, endUs, { size: -1 });

    expect(result.body?.hits?.map((hit) => hit.seq)).toEqual([0, 1, 2]);
  });

  it('size -1 without LIMIT caps at 1000 rows with a "capped" warning in function_error', async () => {
    const big = target.uniqueStream('search_cap');
    await target.ingestJson(
      big,
      Array.from({ length: 1001 }, (_, seq) => ({ seq })),
    );
    await countRowsWhenSettled(target, big, 1001);
    const { startUs, endUs } = recentWindowUs();
    const result = await target.search(sql`SELECT seq FROM ${identifier(big)}`, startUs, endUs, { size: -1 });

    expect(result.body?.hits).toHaveLength(1000);
    // Source text: "Warn: results are capped to meet default limit".
    expect(result.body?.function_error?.some((text) => text.includes('capped'))).toBe(true);
  });

  it('unquoted identifiers are lowercased (Seq resolves to seq) and "logs"."name" selects the stream type', async () => {
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT COUNT(*) AS cnt FROM ${identifier('logs', stream)} WHERE Seq >= ${0}`;
    const result = await target.search(query, startUs, endUs);

    expect(result.status).toBe(200);
    expect(result.body?.hits?.[0]?.cnt).toBe(FIXTURE_SIZE);
  });

  it('encoding "base64" takes query.sql as base64url', async () => {
    const { startUs, endUs } = recentWindowUs();
    let text = sql`SELECT COUNT(*) AS cnt FROM ${identifier(stream)}`;
    // A length divisible by 3 encodes without "=" padding, so padded and unpadded decoders agree.
    while (text.length % 3 !== 0) text += ' ';
    const encoded = Buffer.from(text).toString('base64url');
    const result = await target.search(encoded, startUs, endUs, { body: { encoding: 'base64' } });

    expect(result.status).toBe(200);
    expect(result.body?.hits?.[0]?.cnt).toBe(FIXTURE_SIZE);
  });
});

describe('errors', () => {
  const { startUs, endUs } = recentWindowUs();

  it('a SQL syntax error answers 400 {"code":400,"message"} without X-Error-Message (fails at stream-name resolution)', async () => {
    const result = await target.search(sql`SELEC * FRM ${identifier(stream)}`, startUs, endUs);

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
    expect(result.body?.message).toEqual(expect.any(String));
    expect(result.headers.get('x-error-message')).toBeNull();
  });

  it('an unknown stream answers 400 with code 20002 and X-Error-Message: 20002', async () => {
    const missing = target.uniqueStream('no_such_stream');
    const result = await target.search(sql`SELECT * FROM ${identifier(missing)}`, startUs, endUs);

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(20002);
    expect(result.body?.message).toEqual(expect.any(String));
    expect(result.headers.get('x-error-message')).toBe('20002');
  });

  it('SQL that parses but OpenObserve rejects (match_all over a subquery) answers 400 with code 20001', async () => {
    // Source: Sql::from_statement refuses match_all() when FROM is a subquery/join/CTE (SearchSQLNotValid).
    const inner = sqlPart`SELECT * FROM ${identifier(stream)}`;
    const query = sql`SELECT * FROM (${inner}) AS t WHERE match_all(${'record'})`;
    const result = await target.search(query, startUs, endUs);

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(20001);
    expect(result.headers.get('x-error-message')).toBe('20001');
  });
});
