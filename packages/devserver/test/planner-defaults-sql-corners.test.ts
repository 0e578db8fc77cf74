import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { insertDefaultOrder } from '../src/sql/insert-default-order.js';
import { insertTimestampColumn } from '../src/sql/insert-timestamp-column.js';
import { ingest, search, startTestServer } from './helpers.js';

// Review of the planner defaults: where the default ORDER BY and `_timestamp` go must follow how
// DuckDB reads the SQL, not the first word that looks like a clause.
describe('insertDefaultOrder', () => {
  it('takes LIMIT/OFFSET after AS or a dot for a name, not the clause', () => {
    expect(insertDefaultOrder('SELECT a AS limit FROM s')).toBe(
      'SELECT a AS limit FROM s\nORDER BY "_timestamp" DESC\n',
    );
    expect(insertDefaultOrder('SELECT s.offset FROM s LIMIT 2')).toBe(
      'SELECT s.offset FROM s \nORDER BY "_timestamp" DESC\nLIMIT 2',
    );
  });

  it('goes before FETCH FIRST', () => {
    expect(insertDefaultOrder('SELECT a FROM s FETCH FIRST 2 ROWS ONLY')).toBe(
      'SELECT a FROM s \nORDER BY "_timestamp" DESC\nFETCH FIRST 2 ROWS ONLY',
    );
  });

  it('does not look inside dollar-quoted strings or nested block comments', () => {
    expect(insertDefaultOrder('SELECT a, $$ limit $$ AS n FROM s')).toBe(
      'SELECT a, $$ limit $$ AS n FROM s\nORDER BY "_timestamp" DESC\n',
    );
    expect(insertDefaultOrder('SELECT a, $t$ offset $t$ AS n FROM s')).toBe(
      'SELECT a, $t$ offset $t$ AS n FROM s\nORDER BY "_timestamp" DESC\n',
    );
    expect(insertDefaultOrder('SELECT a FROM s /* /* */ LIMIT */')).toBe(
      'SELECT a FROM s /* /* */ LIMIT */\nORDER BY "_timestamp" DESC\n',
    );
  });
});

describe('insertTimestampColumn', () => {
  it('skips a nested block comment before the first item', () => {
    expect(insertTimestampColumn('SELECT /* /* */ x */ a FROM s')).toBe(
      'SELECT /* /* */ x */ "_timestamp", a FROM s',
    );
  });
});

describe('planner defaults end to end', () => {
  let server: DevServer;
  const now = Date.now() * 1000;
  beforeAll(async () => {
    server = await startTestServer();
    const records = [1, 2, 3].map((a) => ({ _timestamp: now - (10 - a) * 1000, a }));
    expect((await ingest(server, 's', records)).status).toBe(200);
  });
  afterAll(() => server.stop());

  it.each([
    ['SELECT a AS limit FROM s LIMIT 2', [3, 2]],
    ['SELECT a AS offset FROM s LIMIT 2', [3, 2]],
    ['SELECT a FROM s FETCH FIRST 2 ROWS ONLY', [3, 2]],
    ['SELECT a, $$ limit $$ AS n FROM s LIMIT 2', [3, 2]],
    ['SELECT a FROM s /* /* */ LIMIT */ LIMIT 2', [3, 2]],
  ])('%s answers the newest rows, text and `_timestamp` intact', async (sql, newest) => {
    const answer = await search(server, sql);
    expect(answer.status, answer.text).toBe(200);
    const hits = answer.json.hits as Array<Record<string, unknown>>;
    expect(hits.map((h) => h.a ?? h.limit ?? h.offset)).toEqual(newest);
    for (const hit of hits) {
      expect(typeof hit._timestamp).toBe('number');
      if ('n' in hit) expect(hit.n).toBe(' limit ');
    }
  });

  it('adds `_timestamp` after a nested block comment', async () => {
    const answer = await search(server, 'SELECT /* /* */ x */ a FROM s LIMIT 1');
    expect(answer.json.hits).toEqual([{ _timestamp: now - 7000, a: 3 }]);
  });
});
