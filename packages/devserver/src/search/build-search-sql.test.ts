import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { ColumnType } from '../store/column-type.js';
import { createStreamTable, type StreamTable } from '../store/stream-table.js';
import { buildSearchSql } from './build-search-sql.js';
import type { SearchRequest } from './parse-search-request.js';
import { SearchError } from './search-error.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

function stream(name: string, type: 'logs' | 'metrics' = 'logs', columns = ['_timestamp', 'message']) {
  const table = createStreamTable('default', type, name);
  table.exists = true;
  for (const column of columns) table.columns.set(column, ColumnType.Varchar);
  return table;
}
const streams: StreamTable[] = [
  stream('app'),
  stream('orders', 'logs', ['_timestamp', 'a']),
  stream('app', 'metrics'),
];

function build(sql: string, extra: Partial<SearchRequest> = {}) {
  const request: SearchRequest = {
    sql,
    startTime: 0,
    endTime: 3_600_000_000,
    from: 0,
    size: undefined,
    trackTotalHits: false,
    searchType: undefined,
    ...extra,
  };
  return buildSearchSql(connection, request, (name, type) =>
    streams.find((s) => s.name === name && s.type === (type ?? 'logs')),
  );
}

async function refusal(sql: string): Promise<SearchError | HttpError> {
  try {
    await build(sql);
  } catch (error) {
    if (error instanceof SearchError || error instanceof HttpError) return error;
    throw error;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('buildSearchSql', () => {
  it('reads each stream through a CTE in the time range, with the name kept as its alias', async () => {
    const plan = await build('SELECT count(*) FROM app');
    expect(plan.sql).toBe(
      'WITH zo_stream_0 AS (SELECT * FROM "default/logs/app" WHERE ((_timestamp >= $zo_start_time) AND (_timestamp < $zo_end_time)))' +
        'SELECT * FROM (SELECT count_star() FROM zo_stream_0 AS app) AS zo_result LIMIT $zo_limit OFFSET $zo_offset',
    );
    expect(plan.params).toEqual({
      zo_offset: 0,
      zo_limit: 1000,
      zo_start_time: 0,
      zo_end_time: 3_600_000_000,
    });
    expect(plan.tables).toEqual([streams[0]]);
  });

  it('gives a stream one CTE however it is named, and types apart', async () => {
    const plan = await build(
      'SELECT * FROM app a JOIN "logs"."app" b ON true JOIN "metrics"."app" c ON true',
    );
    expect(plan.tables).toEqual([streams[0], streams[2]]);
    expect(plan.sql).toContain(
      "FROM zo_stream_0 AS a INNER JOIN zo_stream_0 AS b ON (CAST('t' AS BOOLEAN)) INNER JOIN zo_stream_1 AS c",
    );
  });

  it('keeps its CTE names apart from the query’s own', async () => {
    const plan = await build('WITH zo_stream_0 AS (SELECT 1 AS x) SELECT x FROM zo_stream_0, app');
    expect(plan.sql).toContain('FROM zo_stream_0 , zozo_stream_0 AS app');
  });

  it('leaves a CTE that shadows a stream alone, and reads the stream inside its own body', async () => {
    const plan = await build("WITH app AS (SELECT * FROM app WHERE message = 'x') SELECT * FROM app");
    expect(plan.sql).toContain(
      "WITH app AS (SELECT * FROM zo_stream_0 AS app WHERE (message = 'x'))SELECT * FROM app",
    );
  });

  it('adds the automatic histogram interval and expands match_all over the full-text columns', async () => {
    const plan = await build(
      "SELECT histogram(_timestamp) AS k, histogram(_timestamp, '5 minute') AS f FROM app WHERE match_all('it''s down')",
    );
    expect(plan.sql).toContain(
      "histogram(_timestamp, '30 second') AS k, histogram(_timestamp, '5 minute') AS f",
    );
    expect(plan.sql).toContain("WHERE o2_fts_match(message, 'it''s down')");
  });

  it('gives a simple query `_timestamp` first and newest-first order before its LIMIT', async () => {
    const plan = await build('SELECT a FROM orders o LIMIT 5');
    expect(plan.sql).toContain(
      'SELECT o._timestamp, a FROM zo_stream_0 AS o ORDER BY o._timestamp DESC LIMIT 5',
    );
    expect(plan.params).not.toHaveProperty('zo_limit');
  });

  it.each([
    ['SELECT * FROM app LIMIT 5', true],
    ['SELECT * FROM app FETCH FIRST 2 ROWS ONLY', true],
    ['SELECT * FROM (SELECT * FROM app LIMIT 5)', false],
    ["SELECT 'LIMIT 5' AS t FROM app", false],
    ['SELECT message AS limit FROM app', false],
  ])('%s has its own LIMIT: %s', async (sql, hasLimit) => {
    expect((await build(sql, { size: 0 })).rowLimit.limit === undefined).toBe(hasLimit);
  });

  it('counts for track_total_hits, whole for DISTINCT', async () => {
    expect((await build('SELECT message FROM app ORDER BY message', { trackTotalHits: true })).sql).toContain(
      'SELECT count_star() AS zo_sql_num FROM zo_stream_0 AS app)',
    );
    expect((await build('SELECT DISTINCT message FROM app', { trackTotalHits: true })).sql).toContain(
      'SELECT count_star() AS zo_sql_num FROM (SELECT DISTINCT message FROM zo_stream_0 AS app)',
    );
  });

  it('runs a query of no stream without time parameters', async () => {
    const plan = await build('SELECT 1 AS one;');
    expect(plan.params).toEqual({ zo_offset: 0, zo_limit: 1000 });
    expect(plan.tables).toEqual([]);
  });

  it.each([
    ['SELEC 1', 400, /^Error# syntax error at or near "SELEC"/],
    ['DELETE FROM app', 20001, /only SELECT/],
    ['SELECT 1; SELECT 2', 20001, /only one statement/],
    ['', 20001, /empty SQL/],
    ['SELECT * FROM nope', 20002, /nope/],
    ['SELECT * FROM main.app', 20002, /main\.app/],
    ['SELECT * FROM range(3)', 20002, /range/],
    [
      "SELECT * FROM app a JOIN orders o ON true WHERE match_all('x')",
      20001,
      /FROM clause should not be join/,
    ],
    ["SELECT * FROM orders WHERE match_all('x')", 20001, /full text search fields/],
  ])('refuses %j with %s', async (sql, code, detail) => {
    const error = await refusal(sql);
    if (error instanceof HttpError) {
      expect(error.status).toBe(code);
      expect(error.message).toMatch(detail);
    } else {
      expect(error.code).toBe(code);
      expect(`${error.message} ${error.detail}`).toMatch(detail);
    }
  });
});
