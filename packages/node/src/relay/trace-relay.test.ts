import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from '@shoptel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer, type TestHttpServer } from '../../test/http-server.js';
import type { Shoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();
let app: TestHttpServer | undefined;
let shoptel: Shoptel | undefined;
afterEach(async () => {
  await app?.close();
  await shoptel?.shutdown();
  app = undefined;
  shoptel = undefined;
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One browser span as `@opentelemetry/exporter-trace-otlp-http` writes it (OTLP/JSON). */
function otlpBody(traceId: string, names: string[]) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'storefront-web' } }] },
        scopeSpans: [
          {
            scope: { name: '@shoptel/browser' },
            spans: names.map((name) => ({
              traceId,
              spanId: hex(8),
              name,
              kind: 3,
              startTimeUnixNano: String(now - 5_000_000n),
              endTimeUnixNano: String(now),
              attributes: [{ key: 'http.request.method', value: { stringValue: 'POST' } }],
              status: { code: 0 },
            })),
          },
        ],
      },
    ],
  });
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('trace relay', () => {
  it("forwards the storefront's OTLP/JSON spans to the traces stream with the server's credentials", async () => {
    const started = dev.shoptel({ serviceName: 'trace-relay' });
    shoptel = started.shoptel;
    const relay = shoptel.traceRelay();
    app = await startHttpServer((req, res) => relay(req, res));
    const traceId = hex(16);
    const response = await post(`${app.url}/shoptel/traces`, otlpBody(traceId, ['POST', 'GET']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(started.errors).toEqual([]);
    const spans = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('traces')} WHERE trace_id = ${traceId}`,
      'traces',
    );
    expect(spans.map((span) => span.operation_name).sort()).toEqual(['GET', 'POST']);
    expect(spans[0]).toMatchObject({ service_name: 'storefront-web' });
  });

  it('forwards a span whose name holds half an emoji (OpenObserve refuses the escaped half) with U+FFFD', async () => {
    const started = dev.shoptel({ serviceName: 'trace-relay' });
    shoptel = started.shoptel;
    const relay = shoptel.traceRelay();
    app = await startHttpServer((req, res) => relay(req, res));
    const traceId = hex(16);
    const body = otlpBody(traceId, ['click Mug \ud83d', 'GET 🛒']);
    expect(body).toContain('\\ud83d');
    expect((await post(`${app.url}/shoptel/traces`, body)).status).toBe(200);
    expect(started.errors).toEqual([]);
    const spans = await dev.rows<{ operation_name: string }>(
      sql`SELECT operation_name FROM ${sql.id('traces')} WHERE trace_id = ${traceId} ORDER BY operation_name`,
      'traces',
    );
    expect(spans.map((span) => span.operation_name)).toEqual(['GET 🛒', 'click Mug \ufffd']);
  });

  it('refuses what is not OTLP/JSON, too many spans and other origins; answers 503 to retry when OpenObserve fails', async () => {
    // OpenObserve answering 503: a real server standing in for an overloaded one.
    const down = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"code":503,"message":"memtable full"}');
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      const ok = dev.shoptel({ serviceName: 'trace-relay-checks' });
      shoptel = ok.shoptel;
      const relay = shoptel.traceRelay({ maxEventsPerBatch: 2 });
      app = await startHttpServer((req, res) => relay(req, res));
      const url = `${app.url}/shoptel/traces`;
      expect((await post(url, 'not json')).status).toBe(400);
      expect(await (await post(url, '{"spans":[]}')).json()).toEqual({
        error: 'expected an OTLP/JSON body with resourceSpans',
      });
      expect((await post(url, otlpBody(hex(16), ['a', 'b', 'c']))).status).toBe(413);
      expect((await post(url, otlpBody(hex(16), ['a']), { origin: 'https://evil.example' })).status).toBe(
        403,
      );
      expect(ok.errors).toEqual([]);
      await shoptel.shutdown();

      const failing = dev.shoptel({
        serviceName: 'trace-relay-down',
        url: `http://127.0.0.1:${(down.address() as AddressInfo).port}`,
      });
      shoptel = failing.shoptel;
      const downRelay = shoptel.traceRelay();
      await app.close();
      app = await startHttpServer((req, res) => downRelay(req, res));
      const response = await post(`${app.url}/t`, otlpBody(hex(16), ['a']));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(failing.errors).toEqual([
        expect.objectContaining({
          reason: 'trace_export_failed',
          count: 1,
          message: expect.stringContaining('503'),
        }),
      ]);
    } finally {
      down.closeAllConnections();
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
