import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { call, ingest, search, startTestServer } from './helpers.js';

let server: DevServer;
const base = Date.UTC(2024, 5, 10, 6, 0, 0);
const nowMs = Date.now();
// Fixed minutes within the last hour, so histogram buckets are predictable.
const t0 = Math.floor((nowMs - 3_600_000) / 300_000) * 300_000;

beforeAll(async () => {
  server = await startTestServer();
  const events = [
    {
      event_type: 'PAGE_VIEW',
      user_id: 'u1',
      message: 'Checkout ERROR at step 2',
      price: 10,
      _timestamp: t0 + 1000,
    },
    { event_type: 'PAGE_VIEW', user_id: 'u2', message: 'all fine', price: 20, _timestamp: t0 + 2000 },
    { event_type: 'CART_ADD', user_id: 'u1', message: 'added', price: 30, _timestamp: t0 + 301_000 },
    { event_type: 'PURCHASE', user_id: 'u1', message: 'paid', price: 40, _timestamp: t0 + 302_000 },
  ];
  await ingest(server, 'user-behavior', events);
  await ingest(server, 'default', [{ log: 'hello world', _timestamp: t0 }]);
});
afterAll(() => server.stop());

describe('_search', () => {
  it('answers OpenObserve’s shape with rows keyed by aliases', async () => {
    const answer = await search(
      server,
      'SELECT event_type AS zo_sql_key, COUNT(*) AS zo_sql_num, COUNT(DISTINCT user_id) AS users FROM "user_behavior" GROUP BY zo_sql_key ORDER BY zo_sql_key',
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      total: 3,
      from: 0,
      size: 1000,
      is_partial: false,
      cached_ratio: 0,
      function_error: [],
    });
    expect(typeof answer.json.took).toBe('number');
    expect(typeof answer.json.trace_id).toBe('string');
    expect(answer.json.hits).toEqual([
      { zo_sql_key: 'CART_ADD', zo_sql_num: 1, users: 1 },
      { zo_sql_key: 'PAGE_VIEW', zo_sql_num: 2, users: 2 },
      { zo_sql_key: 'PURCHASE', zo_sql_num: 1, users: 1 },
    ]);
  });

  it('applies the time range to _timestamp', async () => {
    const answer = await call(server, 'POST', '/api/default/_search', {
      query: {
        sql: 'SELECT count(*) AS n FROM "user_behavior"',
        start_time: (t0 + 300_000) * 1000,
        end_time: (t0 + 302_000) * 1000,
      },
    });
    expect(answer.json.hits).toEqual([{ n: 1 }]);
  });

  it('buckets with histogram() as zone-less UTC strings, with or without an interval', async () => {
    const answer = await search(
      server,
      `SELECT histogram(_timestamp, '5 minute') AS k, count(*) AS n FROM "user_behavior" GROUP BY k ORDER BY k`,
    );
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    expect(answer.json.hits).toEqual([
      { k: iso(t0), n: 2 },
      { k: iso(t0 + 300_000), n: 2 },
    ]);
    const auto = await search(
      server,
      'SELECT histogram(_timestamp) AS k, count(*) AS n FROM "user_behavior" GROUP BY k',
    );
    expect(auto.status).toBe(200);
    expect(auto.json.hits.reduce((s: number, h: { n: number }) => s + h.n, 0)).toBe(4);
    expect(iso(base)).toBe('2024-06-10T06:00:00');
  });

  it('maps OpenObserve’s functions', async () => {
    const q = async (where: string) =>
      (await search(server, `SELECT count(*) AS n FROM "user_behavior" WHERE ${where}`)).json.hits[0].n;
    expect(await q(`str_match(message, 'ERROR')`)).toBe(1);
    expect(await q(`str_match(message, 'error')`)).toBe(0);
    expect(await q(`str_match_ignore_case(message, 'error')`)).toBe(1);
    expect(await q(`match_field(event_type, 'PAGE')`)).toBe(2);
    expect(await q(`re_match(message, '^a')`)).toBe(2);
    expect(await q(`re_not_match(message, '^a')`)).toBe(2);
    expect(await q(`match_all('checkout error')`)).toBe(1);
    expect(await q(`match_all('pai*')`)).toBe(1);
    const p = await search(server, 'SELECT approx_percentile_cont(price, 0.5) AS p50 FROM "user_behavior"');
    expect(p.json.hits[0].p50).toBeGreaterThanOrEqual(20);
    // Aggregates in OpenObserve's AGGREGATE_UDF_LIST (DataFusion's approx_distinct and
    // approx_median): before, both answered 20005 "Search function not defined".
    const approx = await search(
      server,
      'SELECT approx_distinct(user_id) AS users, approx_median(price) AS mid FROM "user_behavior"',
    );
    expect(approx.json.hits).toEqual([{ users: 2, mid: expect.any(Number) }]);
    expect(approx.json.hits[0].mid).toBeGreaterThanOrEqual(20);
    expect(approx.json.hits[0].mid).toBeLessThanOrEqual(30);
    const fts = await search(server, `SELECT count(*) AS n FROM "default" WHERE match_all('WORLD')`);
    expect(fts.json.hits).toEqual([{ n: 1 }]);
  });

  it('applies size and from, and caps at 1000 with a warning when neither size nor LIMIT is given', async () => {
    const page = await search(server, 'SELECT user_id FROM "user_behavior" ORDER BY _timestamp', {
      size: 2,
      from: 1,
    });
    expect(page.json.hits).toEqual([
      { _timestamp: (t0 + 2000) * 1000, user_id: 'u2' },
      { _timestamp: (t0 + 301_000) * 1000, user_id: 'u1' },
    ]);
    const many = Array.from({ length: 1005 }, (_, i) => ({ i }));
    await ingest(server, 'many', many);
    const capped = await search(server, 'SELECT i FROM "many"', { size: 0 });
    expect(capped.json.hits).toHaveLength(1000);
    expect(capped.json.function_error).toEqual(['Warn: results are capped to meet default limit']);
    const limited = await search(server, 'SELECT i FROM "many" LIMIT 3', { size: -1 });
    expect(limited.json.hits).toHaveLength(3);
    expect(limited.json.function_error).toEqual([]);
  });

  it('answers 422 without sql, start_time or end_time, and 415 without JSON', async () => {
    for (const query of [
      { start_time: 0, end_time: 1 },
      { sql: 'SELECT 1', end_time: 1 },
      { sql: 'SELECT 1', start_time: 0 },
    ]) {
      expect((await call(server, 'POST', '/api/default/_search', { query })).status).toBe(422);
    }
    const text = await call(server, 'POST', '/api/default/_search', '{}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('answers bad SQL like OpenObserve: syntax 400 Error#, refused 20001, unknown stream 20002', async () => {
    const syntax = await search(server, 'SELEC * FROM "user_behavior"');
    expect(syntax.status).toBe(400);
    expect(syntax.json.code).toBe(400);
    expect(syntax.json.message).toMatch(/^Error# /);
    expect(syntax.headers.get('x-error-message')).toBeNull();
    const refused = await search(
      server,
      `SELECT * FROM (SELECT * FROM "user_behavior") t WHERE match_all('x')`,
    );
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 20001, message: 'Search SQL not valid' });
    expect(typeof refused.json.trace_id).toBe('string');
    expect(refused.headers.get('x-error-message')).toBe('20001');
    const missing = await search(server, 'SELECT * FROM "nope"');
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      code: 20002,
      message: 'Search stream not found: nope',
      error_detail: '',
    });
    expect(missing.headers.get('x-error-message')).toBe('20002');
    const field = await search(server, 'SELECT no_such_field FROM "user_behavior"');
    expect(field.json.code).toBe(20004);
  });

  it('cannot change data or read files through _search', async () => {
    expect((await search(server, 'DROP TABLE "default/logs/user_behavior"')).json.code).toBe(20001);
    expect((await search(server, 'COPY "user_behavior" TO \'/tmp/x.csv\'')).json.code).toBe(20001);
    expect((await search(server, 'SELECT 1; DELETE FROM "user_behavior"')).json.code).toBe(20001);
    const file = await search(server, `SELECT * FROM read_text('/etc/passwd')`);
    expect(file.status).toBe(400);
    const still = await search(server, 'SELECT count(*) AS n FROM "user_behavior"');
    expect(still.json.hits).toEqual([{ n: 4 }]);
  });

  // DuckDB syntax OpenObserve's parser would refuse (400): the devserver runs what DuckDB reads.
  it('reads FROM-first queries and subqueries, and queries of no stream', async () => {
    const nested = await search(server, 'SELECT count(*) AS n FROM (FROM "user_behavior" WHERE price > 15)');
    expect(nested.json.hits).toEqual([{ n: 3 }]);
    const fromFirst = await search(server, 'FROM "user_behavior" SELECT price ORDER BY price LIMIT 1');
    expect(fromFirst.json.hits).toEqual([{ _timestamp: (t0 + 1000) * 1000, price: 10 }]);
    const constant = await search(server, 'SELECT 1 AS one');
    expect(constant.status, constant.text).toBe(200);
    expect(constant.json.hits).toEqual([{ one: 1 }]);
  });

  it('lists streams with stats', async () => {
    const answer = await call(server, 'GET', '/api/default/streams?type=logs');
    const stream = answer.json.list.find((s: { name: string }) => s.name === 'user_behavior');
    expect(stream).toMatchObject({ name: 'user_behavior', stream_type: 'logs', stats: { doc_num: 4 } });
  });
});
