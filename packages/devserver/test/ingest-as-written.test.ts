import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { call, ingest, ingestGzip, search, startTestServer } from './helpers.js';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (stream: string, text: string) =>
  call(server, 'POST', `/api/default/${stream}/_json`, text, { 'content-type': 'application/json' });

// Bodies shaped like shoptel's own client: flat snake_case fields and `_timestamp` in µs, which
// are loaded as they are written.
describe('bodies loaded as written', () => {
  it('stores them exactly, missing fields as NULL (left out of hits), plain and gzip', async () => {
    const ts = Date.now() * 1000;
    await ingest(server, 'wire', [{ _timestamp: ts, event_id: 'a', amount: 1.25, quantity: 2, ok: true }]);
    await ingestGzip(server, 'wire', [{ _timestamp: ts - 1, event_id: 'b', note: 'é "q" \\ 😀' }]);
    const found = await search(server, 'SELECT * FROM "wire" ORDER BY event_id');
    expect(found.json.hits).toEqual([
      { _timestamp: ts, event_id: 'a', amount: 1.25, quantity: 2, ok: true },
      { _timestamp: ts - 1, event_id: 'b', note: 'é "q" \\ 😀' },
    ]);
  });

  it('loads a body with a duplicate key encoded again, with the rest of its load', async () => {
    const ts = Date.now() * 1000;
    const answers = await Promise.all([
      post('dup', `[{"_timestamp":${ts},"k":"x","k":"last"},{"_timestamp":${ts},"k":"y"}]`),
      post('dup', `[{"_timestamp":${ts},"k":"z"}]`),
    ]);
    for (const answer of answers) expect(answer.json.status[0].failed).toBe(0);
    const found = await search(server, 'SELECT k FROM "dup" ORDER BY k');
    expect(found.json.hits).toEqual([
      { _timestamp: ts, k: 'last' },
      { _timestamp: ts, k: 'y' },
      { _timestamp: ts, k: 'z' },
    ]);
  });

  it('refuses a lone surrogate escape with the whole request, as serde_json does, and keeps escaped pairs', async () => {
    const ts = Date.now() * 1000;
    const lone = await post(
      'surrogate',
      `[{"_timestamp":${ts},"s":"ok"},{"_timestamp":${ts},"s":"a\\ud800b"}]`,
    );
    expect(lone.status).toBe(400);
    expect(lone.json.message).toMatch(/^SerdeJsonError# lone leading surrogate in hex escape/);
    const answer = await post('surrogate', `[{"_timestamp":${ts + 1},"s":"\\ud83d\\ude00"}]`);
    expect(answer.json.status[0]).toMatchObject({ successful: 1, failed: 0 });
    const found = await search(server, 'SELECT s FROM "surrogate" ORDER BY _timestamp');
    expect(found.json.hits).toEqual([{ _timestamp: ts + 1, s: '😀' }]);
  });
});
