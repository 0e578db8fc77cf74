import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { AUTH, search, startTestServer } from './helpers.js';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function bulk(lines: unknown[]) {
  const response = await fetch(`${server.url}/api/default/_bulk`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/x-ndjson' },
    body: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read into answers of many shapes.
  return { response, body: (await response.json()) as any };
}

describe('_bulk', () => {
  it('answers items in the order of the actions, with per-item refusals', async () => {
    await bulk([{ index: { _index: 'typed' } }, { n: 1 }]);
    const { response, body } = await bulk([
      { index: { _index: '' } },
      { read: 'as an action line and skipped' },
      { delete: { _index: 'typed', _id: 'x' } },
      { index: { _index: 'typed', _id: 'a' } },
      { n: 'not a number' },
      { create: { _index: 'typed', _id: 'b' } },
      { n: 2 },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(body.errors).toBe(true);
    expect(body.items).toEqual([
      {
        index: {
          _index: '',
          _id: '',
          status: 422,
          error: expect.objectContaining({
            type: 'Invalid stream name: {"index":{"_index":""}}',
            index_uuid: '0',
          }),
          originalRecord: { index: { _index: '' } },
        },
      },
      {
        index: expect.objectContaining({
          _index: 'typed',
          _id: 'a',
          status: 422,
          error: expect.objectContaining({
            type: 'schema_conformance_failed',
            reason: expect.stringContaining('Failed to cast n'),
          }),
        }),
      },
      {
        create: expect.objectContaining({
          _index: 'typed',
          _id: 'b',
          status: 200,
          result: 'created',
          _version: 1,
        }),
      },
    ]);
    const stored = await search(server, 'SELECT _id, n FROM "typed" WHERE _id IS NOT NULL');
    expect(stored.json.hits).toEqual([{ _timestamp: expect.any(Number), _id: 'b', n: 2 }]);
  });

  it('dates a document without _timestamp now, whatever its @timestamp says', async () => {
    const before = Date.now() * 1000;
    await bulk([{ index: { _index: 'es_time' } }, { '@timestamp': '2020-01-01T00:00:00Z', m: 1 }]);
    const stored = await search(server, 'SELECT _timestamp AS t FROM "es_time"');
    expect(stored.json.hits[0].t).toBeGreaterThanOrEqual(before);
  });
});
