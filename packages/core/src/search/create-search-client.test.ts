import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShoptelConfigError } from '../config/config-error.js';
import { type Transport, TransportError } from '../transport/transport.js';
import { createSearchClient } from './create-search-client.js';
import { OpenObserveQueryError } from './openobserve-query-error.js';
import type { SearchClientConfig } from './search-types.js';
import { sql } from './sql.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = (req: Received, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let received: Received[] = [];
let reply: Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  reply = (_req, res) => json(res, 200, okBody([]));
});

/** A tiny fetch-based transport with the seam's contract: any status resolves, no answer rejects. */
function fetchTransport(): Transport {
  return {
    async send(request) {
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body as string | undefined,
          signal: AbortSignal.timeout(request.timeoutMs),
        });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return { status: response.status, headers, body: await response.text() };
      } catch (error) {
        const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
        throw new TransportError(kind, `${kind}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

const TOKEN = 'cm9vdEBleGFtcGxlLmNvbTpDb21wbGV4cGFzcyMxMjM=';

function config(overrides: Partial<SearchClientConfig> = {}): SearchClientConfig {
  return {
    url: baseUrl,
    organization: 'default',
    auth: { type: 'basic', token: TOKEN },
    timeoutMs: 2000,
    ...overrides,
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function okBody(hits: unknown[], extra: Record<string, unknown> = {}) {
  return {
    took: 12,
    took_detail: {
      total: 12,
      cache_took: 0,
      file_list_took: 1,
      wait_in_queue: 0,
      idx_took: 0,
      search_took: 10,
    },
    hits,
    total: hits.length,
    from: 0,
    size: 100,
    cached_ratio: 0,
    scan_size: 3,
    idx_scan_size: 0,
    scan_records: hits.length,
    is_partial: false,
    result_cache_ratio: 0,
    trace_id: 'trace-ok-1',
    function_error: [],
    ...extra,
  };
}

const START = new Date('2024-06-10T06:00:00.000Z');
const END = new Date('2024-06-10T07:00:00.000Z');

describe('createSearchClient: request', () => {
  it('POSTs the OpenObserve body to /api/{org}/_search with JSON and auth headers', async () => {
    reply = (_req, res) => json(res, 200, okBody([{ n: 42 }]));
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const userId = "u-1' OR 1=1 --";
    const result = await client.search<{ n: number }>({
      sql: sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE user_id = ${userId} AND amount > ${100}`,
      start: START,
      end: END,
      size: 10,
    });

    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/default/_search');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe(`Basic ${TOKEN}`);
    expect(JSON.parse(req.body)).toEqual({
      query: {
        sql: `SELECT count(*) AS n FROM "business_events" WHERE user_id = 'u-1'' OR 1=1 --' AND amount > 100`,
        start_time: 1717999200000000,
        end_time: 1718002800000000,
        from: 0,
        size: 10,
      },
    });
    expect(result).toEqual({
      hits: [{ n: 42 }],
      total: 1,
      took: 12,
      from: 0,
      size: 100,
      scanSize: 3,
      functionErrors: [],
      isPartial: false,
      traceId: 'trace-ok-1',
    });
  });

  it('encodes the organization, trims a trailing slash, sends search_type/type and leaves size out', async () => {
    const client = createSearchClient(config({ url: `${baseUrl}/`, organization: 'shop/eu west' }), {
      transport: fetchTransport(),
    });
    await client.search({
      sql: 'SELECT * FROM "x"',
      start: 1718000000000000,
      end: 1718003600000000.5,
      from: 200,
      searchType: 'alerts',
      streamType: 'metrics',
    });
    const req = received[0]!;
    expect(req.url).toBe('/api/shop%2Feu%20west/_search?type=metrics&search_type=alerts');
    expect(JSON.parse(req.body)).toEqual({
      query: {
        sql: 'SELECT * FROM "x"',
        start_time: 1718000000000000,
        end_time: 1718003600000000,
        from: 200,
      },
    });
  });

  it('sends Bearer auth, and no Authorization header without credentials', async () => {
    const bearer = createSearchClient(config({ auth: { type: 'bearer', token: 'tok' } }), {
      transport: fetchTransport(),
    });
    await bearer.search({ sql: 'SELECT 1', start: START, end: END });
    const anonymous = createSearchClient(config({ auth: { type: 'basic' } }), {
      transport: fetchTransport(),
    });
    await anonymous.search({ sql: 'SELECT 1', start: START, end: END });
    expect(received[0]!.headers.authorization).toBe('Bearer tok');
    expect(received[1]!.headers.authorization).toBeUndefined();
  });

  it('uses the ky transport when none is given', async () => {
    reply = (_req, res) => json(res, 200, okBody([{ ok: true }]));
    const result = await createSearchClient(config()).search({ sql: 'SELECT 1', start: START, end: END });
    expect(result.hits).toEqual([{ ok: true }]);
    expect(received[0]!.headers.authorization).toBe(`Basic ${TOKEN}`);
  });

  it('rejects bad arguments with a TypeError before any request', async () => {
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const base = { sql: 'SELECT 1', start: START, end: END };
    await expect(client.search({ ...base, start: Date.now() })).rejects.toThrow(
      /looks like milliseconds.*microseconds/,
    );
    await expect(client.search({ ...base, end: 1718000000 })).rejects.toThrow(TypeError);
    await expect(client.search({ ...base, end: 1.718e18 })).rejects.toThrow(/nanoseconds/);
    await expect(client.search({ ...base, start: Number.NaN })).rejects.toThrow(TypeError);
    await expect(client.search({ ...base, start: new Date('x') })).rejects.toThrow(/invalid Date/);
    await expect(client.search({ ...base, start: END, end: START })).rejects.toThrow(RangeError);
    await expect(client.search({ ...base, end: undefined as unknown as Date })).rejects.toThrow(/required/);
    await expect(client.search({ ...base, sql: ' ' })).rejects.toThrow(/sql/);
    await expect(client.search({ ...base, sql: { text: 'SELECT 1' } as unknown as string })).rejects.toThrow(
      /sql/,
    );
    await expect(client.search({ ...base, from: -1 })).rejects.toThrow(/from/);
    await expect(client.search({ ...base, size: 1.5 })).rejects.toThrow(/size/);
    expect(received).toHaveLength(0);
  });
});

describe('createSearchClient: config', () => {
  it('throws at creation naming each missing or bad field, before any request', () => {
    // Options passed as-is instead of a resolved config (no organization, no timeout): before,
    // the client searched `/api/undefined/_search` and told of a missing stream, with no timeout
    // of its own ("no answer within undefined ms").
    const raw = { url: baseUrl, auth: { type: 'basic', username: 'u', password: 's3cret' } };
    let error: unknown;
    try {
      createSearchClient(raw as unknown as SearchClientConfig, { transport: fetchTransport() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShoptelConfigError);
    expect((error as ShoptelConfigError).problems.map((p) => p.field)).toEqual(['organization', 'timeoutMs']);
    expect((error as Error).message).toContain('resolveConfig');
    expect((error as Error).message).not.toContain('s3cret');
    const bad = { ...config(), url: 42, organization: '', timeoutMs: 0, auth: undefined };
    expect(() => createSearchClient(bad as unknown as SearchClientConfig)).toThrow(
      /url:.*\n.*organization:.*\n.*auth:.*\n.*timeoutMs:/s,
    );
    expect(received).toHaveLength(0);
  });
});

describe('createSearchClient: response', () => {
  it('returns typed rows, warnings and partial results', async () => {
    reply = (_req, res) =>
      json(
        res,
        200,
        okBody([{ zo_sql_key: '2024-06-10T06:00:00', zo_sql_num: 42 }], {
          function_error: ['Warn: results are capped to meet default limit'],
          is_partial: true,
          total: 5000,
        }),
      );
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const result = await client.search<{ zo_sql_key: string; zo_sql_num: number }>({
      sql: 'SELECT 1',
      start: START,
      end: END,
      size: -1,
    });
    expect(result.hits[0]?.zo_sql_num).toBe(42);
    expect(result.total).toBe(5000);
    expect(result.isPartial).toBe(true);
    expect(result.functionErrors).toEqual(['Warn: results are capped to meet default limit']);
    expect(JSON.parse(received[0]!.body).query.size).toBe(-1);
  });

  it('wraps an older server’s string function_error', async () => {
    reply = (_req, res) => json(res, 200, { hits: [], total: 0, function_error: 'vrl failed' });
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const result = await client.search({ sql: 'SELECT 1', start: START, end: END });
    expect(result).toMatchObject({ functionErrors: ['vrl failed'], took: 0, scanSize: 0, isPartial: false });
    expect(result.traceId).toBeUndefined();
  });

  it('reports a 2xx that is not a search response as invalid-response', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    };
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const error = await client.search({ sql: 'SELECT 1', start: START, end: END }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenObserveQueryError);
    expect(error).toMatchObject({ status: 200, code: 'invalid-response' });
  });
});

describe('createSearchClient: errors', () => {
  async function failWith(r: Reply, sqlText = 'SELECT * FROM "orders" WHERE') {
    reply = r;
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const error = await client.search({ sql: sqlText, start: START, end: END }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenObserveQueryError);
    const queryError = error as OpenObserveQueryError;
    // The credential never reaches the error, whatever the shape.
    expect(`${queryError.message} ${JSON.stringify(queryError)} ${String(queryError.stack)}`).not.toContain(
      TOKEN,
    );
    return queryError;
  }

  it('maps the 400 parser-error shape', async () => {
    const error = await failWith((_req, res) =>
      json(res, 400, { code: 400, message: 'Error# sql parser error: Expected: an expression, found: EOF' }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 400,
      serverMessage: 'Error# sql parser error: Expected: an expression, found: EOF',
      sql: 'SELECT * FROM "orders" WHERE',
      retryable: false,
    });
  });

  it('maps the coded shape with X-Error-Message, error_detail and trace_id', async () => {
    const error = await failWith((_req, res) =>
      json(
        res,
        400,
        { code: 20002, message: 'Search stream not found', error_detail: 'orders', trace_id: 'tr-20002' },
        { 'X-Error-Message': '20002' },
      ),
    );
    expect(error).toMatchObject({
      status: 400,
      code: 20002,
      serverMessage: 'Search stream not found',
      errorDetail: 'orders',
      traceId: 'tr-20002',
    });
    expect(error.message).toContain('code 20002');
  });

  it('maps 408 search timeout as retryable', async () => {
    const error = await failWith((_req, res) =>
      json(
        res,
        408,
        { code: 20010, message: 'Search timeout', error_detail: '', trace_id: 't' },
        { 'x-error-message': '20010' },
      ),
    );
    expect(error).toMatchObject({ status: 408, code: 20010, retryable: true });
  });

  it('maps the plain-text 422 the JSON extractor answers for a missing field', async () => {
    const error = await failWith((_req, res) => {
      res.writeHead(422, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'Failed to deserialize the JSON body into the target type: query: missing field `start_time` at line 1 column 60',
      );
    });
    expect(error).toMatchObject({ status: 422, code: 422 });
    expect(error.serverMessage).toMatch(/missing field `start_time`/);
  });

  it('maps an empty 401 without echoing the Authorization header', async () => {
    const error = await failWith((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    expect(error).toMatchObject({ status: 401, code: 401 });
    expect(error.serverMessage).toMatch(/credentials/);
  });

  it('wraps a reset connection as code network, with the TransportError as cause', async () => {
    const error = await failWith((req, res) => {
      res.socket?.destroy();
      void req;
    });
    expect(error).toMatchObject({ status: undefined, code: 'network', retryable: true });
    expect(error.cause).toBeInstanceOf(TransportError);
  });

  it('wraps a timeout as code timeout', async () => {
    reply = () => {
      /* never answers */
    };
    const client = createSearchClient(config({ timeoutMs: 100 }), { transport: fetchTransport() });
    const error = await client.search({ sql: 'SELECT 1', start: START, end: END }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenObserveQueryError);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('rethrows a transport bug that is not a TransportError', async () => {
    const broken: Transport = { send: () => Promise.reject(new RangeError('bug')) };
    const client = createSearchClient(config(), { transport: broken });
    await expect(client.search({ sql: 'SELECT 1', start: START, end: END })).rejects.toThrow(RangeError);
  });
});

describe('createSearchClient: abort', () => {
  it('rejects with the signal reason, before sending when already aborted', async () => {
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.search({ sql: 'SELECT 1', start: START, end: END, signal: controller.signal }),
    ).rejects.toBe(controller.signal.reason);
    expect(received).toHaveLength(0);
  });

  it('stops waiting when aborted in flight', async () => {
    reply = (_req, res) => setTimeout(() => json(res, 200, okBody([])), 300);
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const controller = new AbortController();
    const pending = client.search({ sql: 'SELECT 1', start: START, end: END, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    await expect(pending).rejects.toThrow('user left');
  });
});

describe('createSearchClient: searchAll', () => {
  const rows = Array.from({ length: 25 }, (_, i) => ({ i }));
  beforeEach(() => {
    reply = (req, res) => {
      const { from, size } = JSON.parse(req.body).query as { from: number; size: number };
      json(res, 200, okBody(rows.slice(from, from + size), { total: rows.length, from, size }));
    };
  });

  it('pages with from/size until a short page', async () => {
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const seen: number[] = [];
    for await (const row of client.searchAll<{ i: number }>({
      sql: 'SELECT 1',
      start: START,
      end: END,
      pageSize: 10,
    })) {
      seen.push(row.i);
    }
    expect(seen).toEqual(rows.map((r) => r.i));
    expect(received.map((r) => JSON.parse(r.body).query)).toMatchObject([
      { from: 0, size: 10 },
      { from: 10, size: 10 },
      { from: 20, size: 10 },
    ]);
  });

  it('stops at maxRows and when the loop breaks', async () => {
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const limited: unknown[] = [];
    for await (const row of client.searchAll({
      sql: 'SELECT 1',
      start: START,
      end: END,
      pageSize: 10,
      maxRows: 12,
    })) {
      limited.push(row);
    }
    expect(limited).toHaveLength(12);
    expect(received.map((r) => JSON.parse(r.body).query.size)).toEqual([10, 2]);

    received = [];
    for await (const _row of client.searchAll({ sql: 'SELECT 1', start: START, end: END, pageSize: 10 }))
      break;
    expect(received).toHaveLength(1);
  });

  it('uses pages of 1000 by default and rejects a bad pageSize', async () => {
    const client = createSearchClient(config(), { transport: fetchTransport() });
    const all = [];
    for await (const row of client.searchAll({ sql: 'SELECT 1', start: START, end: END })) all.push(row);
    expect(all).toHaveLength(25);
    expect(JSON.parse(received[0]!.body).query.size).toBe(1000);
    const bad = client.searchAll({ sql: 'SELECT 1', start: START, end: END, pageSize: 0 });
    await expect(bad.next()).rejects.toThrow(/pageSize/);
  });
});
