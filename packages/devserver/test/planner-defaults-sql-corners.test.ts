import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { ingest, search, startTestServer } from './helpers.js';

// Where the default ORDER BY and `_timestamp` go must follow how DuckDB reads the SQL, not the
// first word that looks like a clause.
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
