import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { call, ingest, search, startTestServer } from './helpers.js';

let server: DevServer;
const nowMs = Date.now();
const hourAgoUs = (nowMs - 3_600_000) * 1000;

beforeAll(async () => {
  server = await startTestServer();
  await ingest(server, 'app_logs', [{ message: 'hello', _timestamp: nowMs - 1000 }]);
  await ingest(server, 'secret', [{ pw: 'hunter2' }], 'other');
  // One row inside the searched range, one before it.
  await ingest(server, 'n2k', [
    { v: 1, _timestamp: nowMs - 1000 },
    { v: 2, _timestamp: nowMs - 2 * 3_600_000 },
  ]);
});
afterAll(() => server.stop());

/** Searches the last hour only. */
const searchLastHour = (sql: string) =>
  call(server, 'POST', '/api/default/_search', {
    query: { sql, start_time: hourAgoUs, end_time: (nowMs + 60_000) * 1000 },
  });

describe('a search reads only its org’s streams, in the time range', () => {
  it.each([
    ['a raw table, schema-qualified', `SELECT s.* FROM app_logs a, main."other/logs/secret" s`, 20002],
    ['a raw table, catalog-qualified', `SELECT * FROM memory.main."other/logs/secret"`, 20002],
    ['a raw table of the same org', `SELECT * FROM "default/logs/n2k"`, 20002],
    [
      'a raw table after a JOIN … ON',
      `SELECT * FROM app_logs a JOIN n2k b ON true, "other/logs/secret"`,
      20002,
    ],
    [
      'a raw table through query()',
      `SELECT (SELECT pw FROM query('SELECT * FROM "other/logs/secret"')) pw FROM app_logs`,
      20002,
    ],
    [
      'a raw table through query_table()',
      `SELECT * FROM app_logs a, query_table('other/logs/secret') s`,
      20002,
    ],
    [
      'the catalog through duckdb_tables()',
      `SELECT (SELECT string_agg(table_name, ',') FROM duckdb_tables()) t FROM app_logs`,
      20002,
    ],
    ['the catalog through a view', `SELECT * FROM app_logs, duckdb_tables`, 20002],
    ['information_schema', `SELECT * FROM app_logs, information_schema.tables`, 20002],
    ['pg_catalog', `SELECT * FROM app_logs, pg_catalog.pg_class`, 20002],
    ['sqlite_master', `SELECT * FROM sqlite_master`, 20002],
    [
      "a raw table in a recursive CTE's anchor part",
      `SELECT message AS v FROM app_logs UNION ALL (WITH RECURSIVE "other/logs/secret" AS (
         SELECT * FROM "other/logs/secret" UNION ALL SELECT * FROM "other/logs/secret" WHERE false)
       SELECT pw FROM "other/logs/secret")`,
      20002,
    ],
    ['a file reader', `SELECT * FROM app_logs, read_csv('x.csv')`, 20002],
    ['glob()', `SELECT * FROM glob('*')`, 20002],
    ['a pragma function', `SELECT * FROM pragma_table_info('other/logs/secret')`, 20002],
    // OpenObserve takes a table function's name for a stream's (DataFusion's `resolve_table_references`).
    ['a row generator', `SELECT * FROM range(3)`, 20002],
    [
      'the whole stream, past the time range',
      `SELECT (SELECT count(*) FROM main."default/logs/n2k") all_rows, count(*) FROM n2k`,
      20002,
    ],
    [
      'a raw table hidden behind a comment and quoting',
      `SELECT * FROM app_logs /* FROM app_logs */ , "other/logs/secret" -- x`,
      20002,
    ],
    [
      'a CTE named like a raw table that reads it itself',
      `WITH "other/logs/secret" AS (SELECT * FROM "other/logs/secret") SELECT * FROM "other/logs/secret"`,
      20002,
    ],
    [
      'a raw table outside the scope of a CTE of its name',
      `SELECT * FROM (WITH "default/logs/n2k" AS (SELECT 1) SELECT * FROM "default/logs/n2k"), app_logs a JOIN n2k b ON true, "default/logs/n2k"`,
      20002,
    ],
    [
      'a CTE named like a stream that reads the raw table in full',
      `SELECT * FROM app_logs, (WITH n2k AS (SELECT * FROM "default/logs/n2k") SELECT count(*) FROM n2k)`,
      20002,
    ],
    [
      'a CTE spelling out the injected one with a subquery inside',
      `SELECT * FROM n2k, (WITH n2k AS (SELECT * REPLACE ((SELECT max(pw) FROM "other/logs/secret") AS v) FROM "default/logs/n2k" WHERE "_timestamp" >= $zo_start_time AND "_timestamp" < $zo_end_time) SELECT v FROM n2k)`,
      20002,
    ],
    [
      'the settings through current_setting()',
      `SELECT current_setting('temp_directory') t FROM app_logs`,
      20005,
    ],
    ['the settings through a qualified call', `SELECT main.current_setting('temp_directory') t`, 20005],
    ['a variable through getvariable()', `SELECT getvariable('x') t FROM app_logs`, 20005],
    ['the database name through current_catalog', `SELECT current_catalog AS c FROM app_logs`, 20005],
    ['the database name through current_database()', `SELECT current_database() c`, 20005],
    ['the catalog through a pg_catalog macro', `SELECT pg_get_viewdef(1) v FROM app_logs`, 20005],
    ['the catalog through get_block_size()', `SELECT get_block_size('memory') b`, 20005],
    ['the running query', `SELECT current_query() q FROM app_logs`, 20005],
  ])('refuses %s', async (_, sql, code) => {
    const answer = await searchLastHour(sql);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json.code).toBe(code);
    expect(answer.headers.get('x-error-message')).toBe(String(code));
    expect(answer.text).not.toContain('hunter2');
    expect(answer.text).not.toContain('shoptel-devserver-');
  });

  it('still runs joins, subqueries, CTEs, recursive CTEs and VALUES lists', async () => {
    const answer = await searchLastHour(
      `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3),
         recent AS (SELECT v FROM n2k)
       SELECT (SELECT count(*) FROM n2k) in_range, (SELECT sum(n) FROM r) total,
              (SELECT count(*) FROM (VALUES (1), (2), (3), (4)) v(x)) made, (SELECT v FROM recent) v, a.message
       FROM app_logs a JOIN "logs"."n2k" b ON true WHERE b.v IN (SELECT v FROM n2k)`,
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.hits).toEqual([{ in_range: 1, total: 6, made: 4, v: 1, message: 'hello' }]);
  });

  it('still lets a CTE shadow a stream by name', async () => {
    const answer = await searchLastHour(
      `WITH app_logs AS (SELECT 'shadow' AS message) SELECT message FROM app_logs, n2k`,
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.hits).toEqual([{ message: 'shadow' }]);
  });

  it('is not fooled by table names in strings and comments', async () => {
    const answer = await searchLastHour(
      `SELECT 'FROM "other/logs/secret"' AS t /* main."other/logs/secret" */ FROM app_logs -- query_table('x')`,
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.hits).toEqual([{ _timestamp: (nowMs - 1000) * 1000, t: 'FROM "other/logs/secret"' }]);
  });
});

describe('histogram() under a second', () => {
  it('keeps 100 ms apart rows in 500 ms buckets, printed with fractions', async () => {
    const start = Math.floor((nowMs - 600_000) / 1000) * 1000;
    const records = Array.from({ length: 20 }, (_, i) => ({ i, _timestamp: start + i * 100 }));
    expect((await ingest(server, 'ms', records)).json.status[0].successful).toBe(20);
    const answer = await search(
      server,
      `SELECT histogram(_timestamp, '500 millisecond') k, count(*) n FROM ms GROUP BY k ORDER BY k`,
    );
    expect(answer.status, answer.text).toBe(200);
    const at = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$|Z$/, '');
    expect(answer.json.hits).toEqual([
      { k: at(start), n: 5 },
      { k: at(start + 500), n: 5 },
      { k: at(start + 1000), n: 5 },
      { k: at(start + 1500), n: 5 },
    ]);
    expect(answer.json.hits[1].k).toMatch(/T\d\d:\d\d:\d\d\.500$/);
    expect(answer.json.hits[2].k).toMatch(/T\d\d:\d\d:\d\d$/);
  });
});
