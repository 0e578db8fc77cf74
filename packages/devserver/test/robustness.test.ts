import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { AUTH, call, ingest, search, startTestServer } from './helpers.js';

// A recursive CTE without an end: runs until it is interrupted.
const ENDLESS =
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) c FROM fx, r';
let server: DevServer;

beforeAll(async () => {
  server = await startTestServer({ searchTimeoutMs: 1500 });
  await ingest(server, 'fx', [{ a: 1 }]);
});
afterAll(() => server.stop());

describe('search deadline and cancellation', () => {
  it('answers 408 with code 20010 when a search runs past its deadline', async () => {
    const started = Date.now();
    const answer = await search(server, ENDLESS);
    expect(answer.status).toBe(408);
    expect(answer.json).toMatchObject({ code: 20010, message: 'Search query timed out' });
    expect(answer.headers.get('x-error-message')).toBe('20010');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('interrupts the searches of clients that went away, so the pool serves others', async () => {
    const patient = await startTestServer({ searchTimeoutMs: 60_000 });
    await ingest(patient, 'fx', [{ a: 1 }]);
    const controllers = [1, 2, 3, 4].map(() => new AbortController());
    const pending = controllers.map((controller) =>
      fetch(`${patient.url}/api/default/_search`, {
        method: 'POST',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ query: { sql: ENDLESS, start_time: 0, end_time: Date.now() * 1000 + 1e9 } }),
        signal: controller.signal,
      }).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const controller of controllers) controller.abort();
    await Promise.all(pending);
    const started = Date.now();
    const answer = await search(patient, 'SELECT count(*) AS n FROM fx');
    expect(answer.json.hits).toEqual([{ n: 1 }]);
    // Long before the 60 s deadline of the abandoned searches, which held every read connection.
    expect(Date.now() - started).toBeLessThan(10_000);
    const stopped = Date.now();
    await patient.stop();
    expect(Date.now() - stopped).toBeLessThan(5000);
  }, 30_000);

  it('accepts trailing semicolons and comments, still refuses two statements', async () => {
    expect((await search(server, 'SELECT count(*) c FROM fx;')).json.hits).toEqual([{ c: 1 }]);
    expect((await search(server, 'SELECT count(*) c FROM fx ; ;\n-- done\n/* really */ ')).json.hits).toEqual(
      [{ c: 1 }],
    );
    expect((await search(server, "SELECT ';' AS s FROM fx;")).json.hits).toEqual([
      { _timestamp: expect.any(Number), s: ';' },
    ]);
    const two = await search(server, 'SELECT count(*) c FROM fx; SELECT 1;');
    expect(two.status).toBe(400);
    expect(two.json.code).toBe(20001);
  });
});

describe('stop()', () => {
  it('interrupts running searches and closes connections left half-sent, still loading rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'devserver-stop-'));
    const data = join(dir, 'stop.duckdb');
    try {
      const first = await startTestServer({ data, stopGraceMs: 300, searchTimeoutMs: 0 });
      expect((await ingest(first, 'kept', [{ n: 1 }, { n: 2 }])).json.status[0].successful).toBe(2);
      const running = search(first, ENDLESS.replace('fx', 'kept')).catch((error: Error) => error);
      // A client that sent half of its body.
      const socket = connect(first.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.on('error', () => {});
      socket.write(
        `POST /api/default/kept/_json HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-length: 100\r\n\r\n[{"n":`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await first.stop();
      expect(Date.now() - started).toBeLessThan(5000);
      const answer = await running;
      if (!(answer instanceof Error)) expect(answer.json.code).toBe(20009);
      socket.destroy();

      const second = await startTestServer({ data });
      try {
        expect((await search(second, 'SELECT count(*) AS n FROM kept')).json.hits).toEqual([{ n: 2 }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ingestion edge cases', () => {
  it('drops a top-level field with an empty name instead of failing the batch', async () => {
    const answer = await ingest(server, 'emptyk', [{ '': 1, a: 2, key: { '': 'x' } }]);
    expect(answer.status).toBe(200);
    expect(answer.json.status[0]).toMatchObject({ successful: 1, failed: 0 });
    expect((await search(server, 'SELECT a, key_ FROM emptyk')).json.hits).toEqual([
      { _timestamp: expect.any(Number), a: 2, key_: 'x' },
    ]);
  });

  it('fails records nested too deeply, never with 500', async () => {
    // Built as text: JSON.stringify of the object itself would overflow the stack here.
    const deep = `${'{"l":'.repeat(5000)}"leaf"${'}'.repeat(5000)}`;
    const metrics = await call(
      server,
      'POST',
      '/api/default/ingest/metrics/_json',
      `[{"__name__":"deep_metric","value":1,"labels":${deep}}]`,
    );
    expect(metrics.status).toBe(400);
    expect(metrics.json.message).toMatch(/nested deeper than/);
    const body = `[{"a":1,"deep":${deep}},{"a":2}]`;
    const logs = await call(server, 'POST', '/api/default/deeplogs/_json', body);
    expect(logs.status).toBe(200);
    expect(logs.json.status[0].successful).toBeGreaterThanOrEqual(1);
    const unlimited = await startTestServer({ flattenLevel: 0 });
    try {
      const answer = await call(unlimited, 'POST', '/api/default/deeplogs/_json', body);
      expect(answer.json.status[0]).toMatchObject({ successful: 1, failed: 1 });
      expect(answer.json.status[0].error).toMatch(/nested deeper than 128 levels/);
    } finally {
      await unlimited.stop();
    }
  });

  it('reads _timestamp strings as OpenObserve does, not as Date.parse does', async () => {
    const now = new Date();
    const answer = await ingest(server, 'strict_ts', [
      { n: 1, _timestamp: '2026-11-25' },
      { n: 2, _timestamp: '11/25/2026' },
      { n: 3, _timestamp: now.toUTCString() },
      { n: 4, _timestamp: now.toISOString() },
      { n: 5, _timestamp: now.toISOString().slice(0, 19).replace('T', ' ') },
      { n: 6, _timestamp: String(now.getTime()) },
    ]);
    expect(answer.json.status[0]).toMatchObject({ successful: 4, failed: 2, error: "Can't parse timestamp" });
  });

  it('rejects a body with a number beyond f64 or bytes that are not UTF-8, with 400', async () => {
    const huge = await call(server, 'POST', '/api/default/huge/_json', '[{"_timestamp":1e400}]');
    expect(huge.status).toBe(400);
    expect(huge.json.message).toBe('SerdeJsonError# number out of range');
    const bytes = Buffer.concat([Buffer.from('[{"s":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]')]);
    const invalid = await call(server, 'POST', '/api/default/bad_utf8/_json', new Uint8Array(bytes));
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toMatch(/^SerdeJsonError# /);
    const multi = await call(
      server,
      'POST',
      '/api/default/bad_utf8/_multi',
      new Uint8Array(bytes.subarray(1, -1)),
    );
    expect(multi.status).toBe(400);
    expect((await ingest(server, 'utf8_ok', [{ s: 'héllo ✓' }])).json.status[0].successful).toBe(1);
  });

  it('answers an invalid metric name like _json does', async () => {
    const answer = await call(server, 'POST', '/api/default/ingest/metrics/_json', [
      { __name__: '!!!', value: 1 },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 400, message: 'Invalid stream name: !!!' });
  });

  it('discards a batch with more than 1000 columns with OpenObserve’s message', async () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) wide[`f${i}`] = i;
    const answer = await ingest(server, 'wide', [wide, { f1: 1 }]);
    expect(answer.status).toBe(200);
    expect(answer.json.status[0]).toMatchObject({
      successful: 0,
      failed: 2,
      error: expect.stringMatching(
        /^Got 1001 columns for stream wide, only 1000 columns accept\. Data discarded\./,
      ),
    });
    delete wide.f999;
    expect((await ingest(server, 'wide', [wide])).json.status[0].successful).toBe(1);
  });
});

it('answers a coded error for a result too large for one JSON string', async () => {
  const roomy = await startTestServer({ searchTimeoutMs: 60_000 });
  try {
    await ingest(roomy, 'fx', [{ a: 1 }]);
    const answer = await search(
      roomy,
      "SELECT repeat('x', 90000000) AS s FROM fx, (VALUES (1), (2), (3), (4), (5), (6), (7)) r(n)",
    );
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe(20008);
    expect(answer.json.error_detail).toMatch(/too large/);
  } finally {
    await roomy.stop();
  }
}, 60_000);
