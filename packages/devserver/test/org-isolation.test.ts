import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { type Answer, call, ingest, startTestServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'shoptel-devserver-orgs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function searchOrg(server: DevServer, org: string, sql: string): Promise<Answer> {
  const end = Date.now() * 1000 + 60_000_000;
  return call(server, 'POST', `/api/${org}/_search`, {
    query: { sql, start_time: end - 3_600_000_000, end_time: end },
  });
}

const rows = async (server: DevServer, org: string, sql: string) => {
  const answer = await searchOrg(server, org, sql);
  expect(answer.status, answer.text).toBe(200);
  return answer.json.hits;
};

async function ingestBothCases(server: DevServer): Promise<void> {
  const lower = await ingest(server, 'cs', [{ a: 1 }], 'default');
  const upper = await ingest(server, 'cs', [{ b: 'hello', a: 'text' }], 'DEFAULT');
  expect(lower.json.status[0]).toMatchObject({ successful: 1, failed: 0 });
  expect(upper.json.status[0]).toMatchObject({ successful: 1, failed: 0 });
}

describe('orgs that differ only in case', () => {
  it('keep their streams apart: rows, schema and listing', async () => {
    const server = await startTestServer();
    try {
      await ingestBothCases(server);
      expect(await rows(server, 'default', 'SELECT a FROM cs')).toEqual([
        { _timestamp: expect.any(Number), a: 1 },
      ]);
      expect(await rows(server, 'DEFAULT', 'SELECT a, b FROM cs')).toEqual([
        { _timestamp: expect.any(Number), a: 'text', b: 'hello' },
      ]);
      const lowerSchema = await call(server, 'GET', '/api/default/streams/cs/schema');
      const upperSchema = await call(server, 'GET', '/api/DEFAULT/streams/cs/schema');
      expect(lowerSchema.json.schema).toEqual([
        { name: '_timestamp', type: 'Int64' },
        { name: 'a', type: 'Int64' },
      ]);
      expect(upperSchema.json.schema).toEqual([
        { name: '_timestamp', type: 'Int64' },
        { name: 'b', type: 'Utf8' },
        { name: 'a', type: 'Utf8' },
      ]);
      expect((await call(server, 'GET', '/api/Default/streams')).json.list).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('keep both streams across a restart with --data', async () => {
    const data = join(dir, 'orgs.duckdb');
    const first = await startTestServer({ data });
    await ingestBothCases(first);
    const oddOrg = encodeURIComponent('Mixed.Case-Ünï %');
    expect((await ingest(first, 'odd', [{ x: 1 }], oddOrg)).json.status[0].successful).toBe(1);
    await first.stop();

    const second = await startTestServer({ data });
    try {
      expect(await rows(second, 'default', 'SELECT a FROM cs')).toEqual([
        { _timestamp: expect.any(Number), a: 1 },
      ]);
      expect(await rows(second, 'DEFAULT', 'SELECT a, b FROM cs')).toEqual([
        { _timestamp: expect.any(Number), a: 'text', b: 'hello' },
      ]);
      expect(await rows(second, oddOrg, 'SELECT x FROM odd')).toEqual([
        { _timestamp: expect.any(Number), x: 1 },
      ]);
    } finally {
      await second.stop();
    }
  });

  it('ignores tables named by older devservers, with a warning', async () => {
    const data = join(dir, 'old.duckdb');
    const instance = await DuckDBInstance.create(data);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE "default/logs/kept" ("_timestamp" BIGINT, "v" BIGINT)`);
    const keptAt = Date.now() * 1000;
    await connection.run(`INSERT INTO "default/logs/kept" VALUES (${keptAt}, 7)`);
    await connection.run(`CREATE TABLE "DEFAULT/logs/old" ("_timestamp" BIGINT, "v" BIGINT)`);
    connection.closeSync();
    instance.closeSync();

    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    let server: DevServer;
    try {
      server = await startTestServer({ data });
    } finally {
      console.warn = warn;
    }
    try {
      expect(warnings.join('\n')).toContain('"DEFAULT/logs/old"');
      expect(await rows(server, 'default', 'SELECT v FROM kept')).toEqual([{ _timestamp: keptAt, v: 7 }]);
      expect((await call(server, 'GET', '/api/DEFAULT/streams')).json.list).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('the organization header of OTLP traces', () => {
  it('is checked like the org in the path', async () => {
    const server = await startTestServer();
    try {
      const answer = await call(
        server,
        'POST',
        '/api/default/v1/traces',
        { resourceSpans: [] },
        { organization: 'zz/logs' },
      );
      expect(answer.status).toBe(400);
      expect(answer.json.message).toContain('invalid organization');
    } finally {
      await server.stop();
    }
  });
});
