import { brotliCompressSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { AUTH, call, ingest, ingestGzip, search, startTestServer } from './helpers.js';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer({ payloadLimitBytes: 64 * 1024 });
});
afterAll(() => server.stop());

const hour = 3_600_000;

describe('ingestion', () => {
  it('normalises stream and field names, flattens, stores arrays as JSON', async () => {
    const answer = await ingest(server, 'My-App.Logs', [
      { userId: 'u1', 'service.name': 'api', nested: { Inner: { x: 1 } }, tags: ['a', 'b'], gone: null },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ code: 200, status: [{ name: 'my_app_logs', successful: 1, failed: 0 }] });
    const found = await search(
      server,
      'SELECT userid, service_name, nested_inner_x, tags FROM "my_app_logs"',
    );
    expect(found.json.hits).toEqual([
      {
        _timestamp: expect.any(Number),
        userid: 'u1',
        service_name: 'api',
        nested_inner_x: 1,
        tags: '["a","b"]',
      },
    ]);
  });

  it('accepts a single object and NDJSON with blank lines', async () => {
    expect((await ingest(server, 'single', { a: 1 })).json.status[0].successful).toBe(1);
    const multi = await call(server, 'POST', '/api/default/multi/_multi', '{"a":1}\n\n{"a":2}\n', {
      'content-type': 'application/x-ndjson',
    });
    expect(multi.json).toEqual({ code: 200, status: [{ name: 'multi', successful: 2, failed: 0 }] });
  });

  it('counts too-old, too-far and unparseable timestamps as failures, keeping the last error', async () => {
    const now = Date.now();
    const answer = await ingest(server, 'window', [
      { n: 1, _timestamp: now },
      { n: 2, _timestamp: now - 6 * hour },
      { n: 3, _timestamp: 'not a time' },
      { n: 4, _timestamp: now + 25 * hour },
    ]);
    expect(answer.json.status[0]).toMatchObject({ name: 'window', successful: 1, failed: 3 });
    expect(answer.json.status[0].error).toMatch(/^Too far data, only future 24 hours data can be ingested/);
  });

  it('reads _timestamp in s, ms, µs and ns', async () => {
    const sec = Math.floor(Date.now() / 1000) - 60;
    const records = [sec, sec * 1000, sec * 1_000_000, `${sec}000000000`].map((t, i) => ({
      i,
      _timestamp: Number(t),
    }));
    expect((await ingest(server, 'units', records)).json.status[0].successful).toBe(4);
    const found = await search(server, 'SELECT DISTINCT _timestamp AS t FROM "units"');
    expect(found.json.hits).toEqual([{ t: sec * 1_000_000 }]);
  });

  it('evolves the schema: new fields add columns, conflicting values fail their record', async () => {
    await ingest(server, 'evolve', [{ count: 1, label: 'a' }]);
    const answer = await ingest(server, 'evolve', [
      { count: 2, extra: true },
      { count: 'many', label: 5 },
      { count: '7' },
    ]);
    expect(answer.json.status[0]).toMatchObject({
      successful: 2,
      failed: 1,
      error: 'Failed to cast count to type Int64 ',
    });
    const found = await search(server, 'SELECT count, label, extra FROM "evolve" ORDER BY count');
    expect(found.json.hits).toEqual([
      { _timestamp: expect.any(Number), count: 1, label: 'a' },
      { _timestamp: expect.any(Number), count: 2, extra: true },
      { _timestamp: expect.any(Number), count: 7 },
    ]);
    // A float into an integer column widens it to DOUBLE.
    expect((await ingest(server, 'evolve', [{ count: 2.5 }])).json.status[0].successful).toBe(1);
    const sum = await search(server, 'SELECT sum(count) AS s FROM "evolve"');
    expect(sum.json.hits[0].s).toBe(12.5);
  });

  it('keeps values exact through the bulk load: text escapes, casts, infinities', async () => {
    await ingest(server, 'exact', [{ n: 1, d: 0.5, b: true, s: 'x' }]);
    const answer = await ingest(server, 'exact', [
      { n: '+42', d: 'Infinity', b: 'false', s: 'quote " backslash \\ newline \n tab \t nul \u0000 é 😀' },
      { n: '007', d: '-1e999', s: 'a pair 😀 kept' },
      { n: 9_007_199_254_740_991, d: 12, s: 3.25 },
    ]);
    expect(answer.json.status[0]).toMatchObject({ successful: 3, failed: 0 });
    const found = await search(server, 'SELECT n, CAST(d AS VARCHAR) AS d, b, s FROM "exact" ORDER BY n');
    expect(found.json.hits).toEqual([
      { _timestamp: expect.any(Number), n: 1, d: '0.5', b: true, s: 'x' },
      { _timestamp: expect.any(Number), n: 7, d: '-inf', s: 'a pair 😀 kept' },
      {
        _timestamp: expect.any(Number),
        n: 42,
        d: 'inf',
        b: false,
        s: 'quote " backslash \\ newline \n tab \t nul \u0000 é 😀',
      },
      { _timestamp: expect.any(Number), n: 9_007_199_254_740_991, d: '12.0', s: '3.25' },
    ]);
  });

  it('checks concurrent requests that disagree on a new field against the type that won', async () => {
    const [numbers, words] = await Promise.all([
      ingest(server, 'race', [{ v: 1 }, { v: 2 }]),
      ingest(server, 'race', [{ v: 'a' }, { v: '3' }]),
    ]);
    const statuses = [numbers.json.status[0], words.json.status[0]];
    expect(statuses.reduce((sum, s) => sum + s.successful + s.failed, 0)).toBe(4);
    const stored = statuses.reduce((sum, s) => sum + s.successful, 0);
    expect((await search(server, 'SELECT count(*) AS n FROM "race"')).json.hits).toEqual([{ n: stored }]);
  });

  it('answers 400 SerdeJsonError for bad JSON', async () => {
    const answer = await call(server, 'POST', '/api/default/bad/_json', '[{"a":1},', {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe(400);
    expect(answer.json.message).toMatch(/^SerdeJsonError# /);
    const multi = await call(server, 'POST', '/api/default/bad/_multi', '{"a":1}\nnope\n');
    expect(multi.status).toBe(400);
  });

  it('refuses half a surrogate pair as serde_json does (the whole request), and takes a whole pair', async () => {
    const post = (path: string, body: string) =>
      call(server, 'POST', `/api/default/halves/${path}`, body, { 'content-type': 'application/json' });
    for (const body of [
      '[{"a":"ok"},{"a":"x\\ud83d"}]',
      '[{"a":"\\ude92 x"}]',
      '[{"a":"\\ud83d\\\\ude92"}]',
    ]) {
      const answer = await post('_json', body);
      expect(answer.status, body).toBe(400);
      expect(answer.json.message).toMatch(
        /^SerdeJsonError# lone leading surrogate in hex escape at line 1 column \d+$/,
      );
    }
    expect((await post('_multi', '{"a":"ok"}\n{"a":"\\udbff"}\n')).status).toBe(400);
    // A pair, escaped or not, and escaped backslashes before a plain `ud83d`, are text like any other.
    const fine = await post('_json', '[{"a":"\\ud83d\\ude92 🛒"},{"a":"\\\\ud83d"}]');
    expect(fine.json.status[0]).toMatchObject({ successful: 2, failed: 0 });
    const rows = await search(server, 'SELECT a FROM "halves" ORDER BY a');
    expect(rows.json.hits.map((hit: { a: string }) => hit.a)).toEqual(['\\ud83d', '🚒 🛒']);
  });

  it('decodes gzip, deflate and br; refuses unknown encodings with 415', async () => {
    expect((await ingestGzip(server, 'enc', [{ a: 1 }])).json.status[0].successful).toBe(1);
    const body = JSON.stringify([{ a: 2 }]);
    const deflated = await call(server, 'POST', '/api/default/enc/_json', deflateSync(body), {
      'content-encoding': 'deflate',
    });
    expect(deflated.json.status[0].successful).toBe(1);
    const br = await call(server, 'POST', '/api/default/enc/_json', brotliCompressSync(body), {
      'content-encoding': 'br',
    });
    expect(br.json.status[0].successful).toBe(1);
    const zstd = await call(server, 'POST', '/api/default/enc/_json', body, { 'content-encoding': 'zstd' });
    expect(zstd.status).toBe(415);
  });

  it('answers 413 above the payload limit, also after decompression', async () => {
    const big = JSON.stringify([{ text: 'x'.repeat(70 * 1024) }]);
    expect((await call(server, 'POST', '/api/default/big/_json', big)).status).toBe(413);
    const bomb = await ingestGzip(server, 'big', [{ text: 'y'.repeat(200 * 1024) }]);
    expect(bomb.status).toBe(413);
  });

  it('answers 401 without credentials (JSON) and with wrong ones (text + WWW-Authenticate)', async () => {
    const none = await fetch(`${server.url}/api/default/x/_json`, { method: 'POST', body: '[]' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 401, message: 'Unauthorized Access' });
    const wrong = await fetch(`${server.url}/api/default/x/_json`, {
      method: 'POST',
      body: '[]',
      headers: { authorization: `Basic ${Buffer.from('root@example.com:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="openobserve"');
    expect(await wrong.text()).toBe('Unauthorized Access');
  });

  it('ingests metrics one sample per record, and fails the whole request without value', async () => {
    const ok = await call(server, 'POST', '/api/default/ingest/metrics/_json', [
      { __name__: 'http-requests_total', __type__: 'counter', method: 'get', code: 200, value: 12 },
      { __name__: 'http-requests_total', __type__: 'counter', method: 'post', code: 500, value: 1.5 },
    ]);
    expect(ok.json).toEqual({
      code: 200,
      status: [{ name: 'http_requests_total', successful: 2, failed: 0 }],
    });
    const found = await search(
      server,
      'SELECT code, value FROM "http_requests_total" ORDER BY value',
      {},
      '?type=metrics',
    );
    expect(found.json.hits).toEqual([
      { _timestamp: expect.any(Number), code: '500', value: 1.5 },
      { _timestamp: expect.any(Number), code: '200', value: 12 },
    ]);
    const bad = await call(server, 'POST', '/api/default/ingest/metrics/_json', [
      { __name__: 'x', value: 1 },
      { __name__: 'x' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('missing value');
  });

  it('flattens OTLP/JSON spans into the stream named by the stream-name header', async () => {
    const start = BigInt(Date.now() - 1000) * 1_000_000n;
    const root = 'eee19b7ec3c1b174';
    const request = {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'shop' } },
              { key: 'host.name', value: { stringValue: 'web-1' } },
            ],
          },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '5B8EFFF798038103D269B633813FC60C',
                  spanId: root,
                  name: 'GET /cart',
                  kind: 2,
                  startTimeUnixNano: String(start),
                  endTimeUnixNano: String(start + 2_500_000n),
                  attributes: [
                    { key: 'http.request.method', value: { stringValue: 'GET' } },
                    { key: 'order.id', value: { intValue: '42' } },
                    { key: 'duration', value: { doubleValue: 1.5 } },
                  ],
                  events: [{ timeUnixNano: String(start + 1000n), name: 'cache miss' }],
                  status: { code: 2, message: 'boom' },
                },
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'aaa19b7ec3c1b174',
                  parentSpanId: root,
                  name: 'SELECT orders',
                  kind: 'SPAN_KIND_CLIENT',
                  startTimeUnixNano: String(start + 10n),
                  endTimeUnixNano: String(start + 20_000n),
                  attributes: [
                    { key: 'db.system', value: { stringValue: 'postgresql' } },
                    { key: 'server.address', value: { stringValue: 'pg.internal:5432' } },
                  ],
                },
                { traceId: 'abcd', spanId: root, name: 'short trace id' },
              ],
            },
          ],
        },
      ],
    };
    const answer = await call(server, 'POST', '/api/default/v1/traces', request, { 'stream-name': 'traces' });
    // OpenObserve refuses a span whose trace id is not 16 bytes and keeps the others.
    expect(answer.status).toBe(206);
    expect(answer.json.partialSuccess.rejectedSpans).toBe(1);
    const found = await search(
      server,
      `SELECT * FROM "traces" WHERE reference_parent_span_id IS NULL`,
      {},
      '?type=traces',
    );
    expect(found.json.hits).toHaveLength(1);
    const hit = found.json.hits[0];
    expect(hit).toMatchObject({
      _timestamp: Number(start / 1000n),
      trace_id: '5b8efff798038103d269b633813fc60c',
      span_id: root,
      flags: 1,
      service_name: 'shop',
      service_host_name: 'web-1',
      operation_name: 'GET /cart',
      span_kind: '2',
      span_status: 'ERROR',
      status_code: 2,
      status_message: 'boom',
      duration: 2500,
      attr_duration: '1.5',
      http_request_method: 'GET',
      order_id: '42',
      links: '[]',
    });
    expect(Object.keys(hit)).not.toContain('service_service_name');
    expect(Object.keys(hit)).not.toContain('reference_ref_type');
    // ns times are JSON numbers with every digit (beyond 2^53), in the answer and in `events`.
    expect(found.text).toContain(`"start_time":${start},`);
    expect(hit.events).toBe(`[{"name":"cache miss","_timestamp":${start + 1000n}}]`);
    const child = await search(
      server,
      `SELECT reference_parent_span_id, reference_parent_trace_id, reference_ref_type, span_kind, span_status,
              infer_service_name, infer_service_type, infer_service_system, status_code
       FROM "traces" WHERE reference_parent_span_id IS NOT NULL`,
      {},
      '?type=traces',
    );
    expect(child.json.hits).toEqual([
      {
        _timestamp: Number((start + 10n) / 1000n),
        reference_parent_span_id: root,
        reference_parent_trace_id: '5b8efff798038103d269b633813fc60c',
        reference_ref_type: 'ChildOf',
        span_kind: '3',
        span_status: 'UNSET',
        infer_service_name: 'pg.internal',
        infer_service_type: 'database',
        infer_service_system: 'postgresql',
      },
    ]);
    const proto = await call(server, 'POST', '/api/default/v1/traces', 'x', {
      'content-type': 'application/x-protobuf',
    });
    expect(proto.status).toBe(415);
  });

  it('takes RUM events with an o2-api-key and answers 202', async () => {
    const none = await fetch(`${server.url}/rum/v1/default/rum`, { method: 'POST', body: '{"a":1}' });
    expect(none.status).toBe(401);
    const answer = await fetch(
      `${server.url}/rum/v1/default/rum?o2-api-key=rumABC&o2source=browser&ootags=env:dev`,
      {
        method: 'POST',
        body: '{"type":"view","view":{"url":"/"}}\n{"type":"action"}\n',
      },
    );
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({
      code: 200,
      status: [{ name: '_rumdata', successful: 2, failed: 0 }],
    });
    const found = await search(
      server,
      "SELECT type, view_url, o2source, env FROM \"_rumdata\" WHERE type IN ('view', 'action') ORDER BY type",
    );
    expect(found.json.hits[1]).toEqual({
      _timestamp: expect.any(Number),
      type: 'view',
      view_url: '/',
      o2source: 'browser',
      env: 'dev',
    });
  });

  it('keeps each org apart', async () => {
    await ingest(server, 'per_org', [{ a: 1 }], 'other');
    expect((await search(server, 'SELECT * FROM "per_org"')).json.code).toBe(20002);
    const list = await call(server, 'GET', '/api/other/streams');
    expect(list.json.list.map((s: { name: string }) => s.name)).toEqual(['per_org']);
  });

  it('answers CORS preflights without credentials', async () => {
    const answer = await fetch(`${server.url}/api/default/x/_json`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-headers')).toContain('stream-name');
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('serves healthz without auth and the HTML page with auth, its script under a nonce', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    const page = await fetch(`${server.url}/?stream=page`, { headers: { authorization: AUTH } });
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("default-src 'none'");
    // Nothing from elsewhere: no src or href attribute points off the page.
    expect(html).not.toMatch(/\s(src|href)=/);
  });
});
