import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from '@shoptel/core';
import { type DevServer, startDevServer } from '@shoptel/devserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH } from '../../test/devserver.js';
import { runCli } from '../cli/run-cli.js';
import { ensureStreams } from './ensure-streams.js';

const DAY_MS = 86_400_000;
let server: DevServer;

beforeAll(async () => {
  // A wide ingest window, so rows older than the retention can be written first.
  server = await startDevServer({ port: 0, allowedPastMs: 400 * DAY_MS });
});
afterAll(async () => {
  await server.stop();
});

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.url}/api/default${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read into answers of many shapes.
  return { status: response.status, json: (await response.json()) as Record<string, any> };
};
const settingsOf = async (stream: string, type = 'logs') =>
  (await api('GET', `/streams/${stream}/schema?type=${type}`)).json.settings;

describe('ensureStreams', () => {
  it('creates each configured stream with its retention and message as a full-text key', async () => {
    const config = resolveConfig({ url: server.url, auth: AUTH });
    const changes = await ensureStreams(config);
    expect(changes.map((c) => [c.stream, c.type, c.action])).toEqual([
      ['application_logs', 'logs', 'created'],
      ['business_events', 'logs', 'created'],
      ['user_behavior', 'logs', 'created'],
      ['traces', 'traces', 'created'],
    ]);
    expect(await settingsOf('application_logs')).toMatchObject({
      data_retention: 30,
      full_text_search_keys: ['message'],
    });
    expect((await settingsOf('business_events')).data_retention).toBe(365);
    expect((await settingsOf('traces', 'traces')).data_retention).toBe(7);
  });

  it('changes nothing when run again', async () => {
    const changes = await ensureStreams(resolveConfig({ url: server.url, auth: AUTH }));
    expect(changes.every((c) => c.action === 'unchanged' && c.changes.length === 0)).toBe(true);
  });

  it('updates only what differs, keeps other full-text keys, and applies metrics retention', async () => {
    await api('PUT', '/streams/business_events/settings', { full_text_search_keys: { set: ['action'] } });
    await api('POST', '/ingest/metrics/_json', [{ __name__: 'orders_total', __type__: 'counter', value: 3 }]);
    const config = resolveConfig({
      url: server.url,
      auth: AUTH,
      retention: { logs: '14d', metrics: '2w' },
    });
    const changes = await ensureStreams(config);
    const byStream = Object.fromEntries(changes.map((c) => [c.stream, c]));
    expect(byStream.application_logs).toMatchObject({
      action: 'updated',
      changes: ['data_retention 30 → 14'],
    });
    expect(byStream.business_events).toMatchObject({
      action: 'updated',
      changes: ['full_text_search_keys + message'],
    });
    expect(byStream.traces!.action).toBe('unchanged');
    expect(byStream.orders_total).toMatchObject({
      type: 'metrics',
      action: 'updated',
      changes: ['data_retention 0 → 14'],
    });
    expect((await settingsOf('business_events')).full_text_search_keys).toEqual(['action', 'message']);
    expect((await settingsOf('orders_total', 'metrics')).data_retention).toBe(14);
  });

  it('with dryRun reports the changes and makes none', async () => {
    const config = resolveConfig({ url: server.url, auth: AUTH, retention: { logs: 5 } });
    const changes = await ensureStreams(config, { dryRun: true });
    expect(changes[0]).toMatchObject({ action: 'updated', changes: ['data_retention 14 → 5'] });
    expect((await settingsOf('application_logs')).data_retention).toBe(14);
  });

  it('retention applied is read back: rows older than it are gone', async () => {
    const now = Date.now();
    await api('POST', '/application_logs/_json', [
      { _timestamp: (now - 20 * DAY_MS) * 1000, message: 'three weeks old' },
      { _timestamp: (now - DAY_MS) * 1000, message: 'yesterday' },
    ]);
    const config = resolveConfig({ url: server.url, auth: AUTH, retention: { logs: '7d' } });
    const [change] = await ensureStreams(config);
    expect(change).toMatchObject({ stream: 'application_logs', changes: ['data_retention 14 → 7'] });
    expect((await settingsOf('application_logs')).data_retention).toBe(7);
    const found = await api('POST', '/_search', {
      query: { sql: 'SELECT message FROM application_logs', start_time: 0, end_time: (now + 60_000) * 1000 },
    });
    expect(found.json.hits.map((h: { message: string }) => h.message)).toEqual(['yesterday']);
  });

  it('reports a stream it cannot set as failed, with the status, and goes on', async () => {
    const config = resolveConfig({ url: server.url, auth: { username: AUTH.username, password: 'wrong' } });
    const changes = await ensureStreams(config);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.action).toBe('failed');
      expect(change.error).toMatch(/HTTP 401/);
    }
  });
});

describe('shoptel streams apply', () => {
  const run = async (args: string[], env: Record<string, string>) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['streams', ...args], {
      env: {
        OPENOBSERVE_URL: server.url,
        OPENOBSERVE_USERNAME: AUTH.username,
        OPENOBSERVE_PASSWORD: AUTH.password,
        ...env,
      },
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    });
    const lines = (text: string) => text.split('\n').filter((line) => line !== '');
    return { code, out: lines(stdout), err: lines(stderr) };
  };

  it('reads OPENOBSERVE_RETENTION_* and prints what changed, then nothing', async () => {
    const first = await run(['apply'], {
      OPENOBSERVE_RETENTION_LOGS: '10d',
      OPENOBSERVE_RETENTION_METRICS: '14d',
    });
    expect(first.code).toBe(0);
    expect(first.out).toContain('✓ application_logs (logs): updated, data_retention 7 → 10');
    expect(first.out).toContain('✓ user_behavior (logs): updated, data_retention 7 → 10');
    const second = await run(['apply'], {
      OPENOBSERVE_RETENTION_LOGS: '10d',
      OPENOBSERVE_RETENTION_METRICS: '14d',
    });
    expect(second.out.slice(1).every((line) => line.endsWith(': unchanged'))).toBe(true);
  });

  it('names a bad variable and exits 2; a usage error exits 2', async () => {
    const bad = await run(['apply'], { OPENOBSERVE_RETENTION_TRACES: 'a week' });
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/OPENOBSERVE_RETENTION_TRACES/);
    expect((await run(['remove'], {})).code).toBe(2);
  });

  it('never prints the credentials a proxy echoes back in its error page', async () => {
    // A gateway that quotes the request's Authorization header (and so the Basic token) in a 400.
    const echo = createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`denied: you sent ${req.headers.authorization} for ${AUTH.username}:${AUTH.password}`);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = echo.address() as AddressInfo;
      const echoed = await run(['apply'], { OPENOBSERVE_URL: `http://127.0.0.1:${port}` });
      expect(echoed.code).toBe(1);
      const printed = [...echoed.out, ...echoed.err].join('\n');
      expect(printed).toMatch(/HTTP 400: denied: you sent Basic \[REDACTED\]/);
      const token = Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64');
      expect(printed).not.toContain(token);
      expect(printed).not.toContain(AUTH.password);
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('exits 1 when a stream failed', async () => {
    const failed = await run(['apply'], { OPENOBSERVE_PASSWORD: 'wrong' });
    expect(failed.code).toBe(1);
    expect(failed.err[0]).toMatch(/^✗ application_logs \(logs\): HTTP 401/);
  });
});
