import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { call, ingest, startTestServer } from './helpers.js';

const DAY_MS = 86_400_000;
let server: DevServer;

beforeAll(async () => {
  // A wide ingest window, so rows 40 days old can be written and then expire.
  server = await startTestServer({ allowedPastMs: 400 * DAY_MS });
});
afterAll(async () => {
  await server.stop();
});

const schema = (stream: string, type = 'logs') =>
  call(server, 'GET', `/api/default/streams/${stream}/schema?type=${type}`);
const countOf = async (stream: string) => {
  const end = Date.now() * 1000 + 60_000_000;
  const answer = await call(server, 'POST', '/api/default/_search', {
    query: { sql: `SELECT count(*) AS n FROM ${stream}`, start_time: 0, end_time: end },
  });
  return answer.json.hits[0].n as number;
};

describe('stream settings', () => {
  it('POST creates a stream without data and stores its settings', async () => {
    const created = await call(server, 'POST', '/api/default/streams/Audit-Log/settings?type=logs', {
      data_retention: 14,
      full_text_search_keys: ['message'],
    });
    expect(created).toMatchObject({ status: 200, json: { code: 200 } });
    const answer = await schema('audit_log');
    expect(answer.status).toBe(200);
    expect(answer.json.stats.doc_num).toBe(0);
    expect(answer.json.settings).toMatchObject({ data_retention: 14, full_text_search_keys: ['message'] });
    const list = await call(server, 'GET', '/api/default/streams?type=logs');
    expect(list.json.list.map((s: { name: string }) => s.name)).toContain('audit_log');
  });

  it('PUT changes scalars and edits lists with add/remove/set', async () => {
    await call(server, 'POST', '/api/default/streams/edits/settings', { full_text_search_keys: ['a', 'b'] });
    const updated = await call(server, 'PUT', '/api/default/streams/edits/settings', {
      data_retention: 3,
      full_text_search_keys: { add: ['message'], remove: ['a'] },
    });
    expect(updated.status).toBe(200);
    expect((await schema('edits')).json.settings).toMatchObject({
      data_retention: 3,
      full_text_search_keys: ['b', 'message'],
    });
    await call(server, 'PUT', '/api/default/streams/edits/settings', {
      full_text_search_keys: { set: ['x'] },
    });
    expect((await schema('edits')).json.settings.full_text_search_keys).toEqual(['x']);
  });

  it('refuses a bad retention with 400 and other methods with 405', async () => {
    const bad = await call(server, 'PUT', '/api/default/streams/edits/settings', { data_retention: -1 });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/data_retention/);
    const list = await call(server, 'PUT', '/api/default/streams/edits/settings', {
      full_text_search_keys: ['not', 'a', 'change'],
    });
    expect(list.status).toBe(400);
    expect((await call(server, 'GET', '/api/default/streams/edits/settings')).status).toBe(405);
    expect((await schema('edits')).json.settings.data_retention).toBe(3);
  });

  it('deletes rows older than data_retention when it is set, and keeps the rest', async () => {
    const now = Date.now();
    const rows = [
      { _timestamp: (now - 40 * DAY_MS) * 1000, age: 'old' },
      { _timestamp: (now - 31 * DAY_MS) * 1000, age: 'old' },
      { _timestamp: (now - 29 * DAY_MS) * 1000, age: 'recent' },
      { _timestamp: now * 1000, age: 'new' },
    ];
    expect((await ingest(server, 'expiring', rows)).json.status[0].successful).toBe(4);
    expect(await countOf('expiring')).toBe(4);
    await call(server, 'POST', '/api/default/streams/expiring/settings', { data_retention: 30 });
    expect(await countOf('expiring')).toBe(2);
    const after = await schema('expiring');
    expect(after.json.stats.doc_num).toBe(2);
    expect(after.json.stats.doc_time_min).toBe(rows[2]!._timestamp);
    expect(after.json.settings.data_retention).toBe(30);
  });

  it('keeps every row when data_retention is 0 (the default)', async () => {
    const old = (Date.now() - 300 * DAY_MS) * 1000;
    await ingest(server, 'forever', [{ _timestamp: old, n: 1 }]);
    await call(server, 'POST', '/api/default/streams/forever/settings', {
      full_text_search_keys: ['message'],
    });
    expect(await countOf('forever')).toBe(1);
  });
});

describe('retention sweep', () => {
  it('also deletes rows that arrive after the settings, on its interval', async () => {
    const swept = await startTestServer({ allowedPastMs: 400 * DAY_MS, retentionSweepMs: 50 });
    try {
      await call(swept, 'POST', '/api/default/streams/late/settings', { data_retention: 7 });
      const now = Date.now();
      await ingest(swept, 'late', [
        { _timestamp: (now - 10 * DAY_MS) * 1000, age: 'old' },
        { _timestamp: now * 1000, age: 'new' },
      ]);
      let docs = 2;
      for (let tries = 0; tries < 100 && docs !== 1; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        docs = (await call(swept, 'GET', '/api/default/streams/late/schema')).json.stats.doc_num;
      }
      expect(docs).toBe(1);
    } finally {
      await swept.stop();
    }
  });
});
