import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StorefrontTracing, startTracing } from './start-tracing.js';
import type { TracingOptions } from './tracing-options.js';

/** A real server that records each request's path, headers and body, answering CORS-open. */
async function startRecorder() {
  const requests: { method: string; path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'content-type': 'application/json',
      });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let tracing: StorefrontTracing | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
  for (const close of closers.splice(0)) await close();
});

const traceIdOf = (header: string | string[] | undefined) =>
  /^00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]$/.exec(String(header))?.[1];

describe('storefront tracing', () => {
  it('adds traceparent to same-origin and allow-listed fetch/XHR only, and exports those spans over OTLP', async () => {
    const shop = await startRecorder();
    const api = await startRecorder();
    const other = await startRecorder();
    const collector = await startRecorder();
    closers.push(shop.close, api.close, other.close, collector.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    tracing = startTracing({
      exportUrl: `${collector.url}/v1/traces`,
      propagateTo: [api.url],
      serviceName: 'shop-test',
    });

    await (await fetch('/cart', { method: 'POST', body: '{}' })).text();
    await (await fetch(`${api.url}/orders`)).text();
    await (await fetch(`${other.url}/ads`)).text();
    await new Promise<void>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', '/stock');
      xhr.addEventListener('loadend', () => resolve());
      xhr.send();
    });
    await tracing.flush();

    const cart = shop.requests.find((r) => r.path === '/cart')!;
    const stock = shop.requests.find((r) => r.path === '/stock')!;
    // Cross-origin: the browser's CORS preflight first (never with the header), then the request.
    const orders = api.requests.find((r) => r.path === '/orders' && r.method === 'GET')!;
    expect(traceIdOf(cart.headers.traceparent)).toBeDefined();
    expect(traceIdOf(stock.headers.traceparent)).toBeDefined();
    expect(traceIdOf(orders.headers.traceparent)).toBeDefined();
    expect(other.requests.every((r) => r.headers.traceparent === undefined)).toBe(true);

    const exported = collector.requests.filter((r) => r.path === '/v1/traces');
    const spans = exported.flatMap(
      (r) =>
        (
          JSON.parse(r.body) as {
            resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[];
          }
        ).resourceSpans[0]!.scopeSpans[0]!.spans,
    );
    // The backend receives the trace id of the storefront's span: one trace across both.
    expect(new Set(spans.map((span) => span.traceId))).toEqual(
      new Set([cart, stock, orders].map((r) => traceIdOf(r.headers.traceparent))),
    );
    expect(spans.map((span) => span.name).sort()).toEqual(['GET', 'GET', 'POST']);
  });

  it("exports to the relay's /shoptel/traces by default, and never traces its own export requests", async () => {
    const shop = await startRecorder();
    closers.push(shop.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    tracing = startTracing();
    await (await fetch('/cart', { method: 'POST', body: '{}' })).text();
    await tracing.flush();
    // A second export: were the first export request traced, its span would be in this one.
    // (happy-dom keeps the exporter's suppression; real Chromium does not, which
    // test/e2e/trace-relay.test.ts covers.)
    await (await fetch('/stock')).text();
    await tracing.flush();
    const exports = shop.requests.filter((r) => r.path === '/shoptel/traces' && r.method === 'POST');
    expect(exports).toHaveLength(2);
    expect(exports.every((r) => r.headers.traceparent === undefined)).toBe(true);
    const urls = exports.flatMap((r) =>
      (
        JSON.parse(r.body) as {
          resourceSpans: {
            scopeSpans: { spans: { attributes: { key: string; value: { stringValue?: string } }[] }[] }[];
          }[];
        }
      ).resourceSpans[0]!.scopeSpans[0]!.spans.map(
        (span) => span.attributes.find((a) => a.key === 'url.full')?.value.stringValue,
      ),
    );
    expect(urls).toEqual([`${shop.url}/cart`, `${shop.url}/stock`]);
  });

  it('starts once per page: a second startTracing (a second copy of the tag) warns and returns the running one', async () => {
    const shop = await startRecorder();
    const collector = await startRecorder();
    closers.push(shop.close, collector.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    tracing = startTracing({ exportUrl: `${collector.url}/v1/traces` });
    const second = startTracing({ exportUrl: `${collector.url}/v1/traces` });
    expect(second).toBe(tracing);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/already started/));
    warn.mockRestore();

    await new Promise<void>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', '/stock');
      xhr.addEventListener('loadend', () => resolve());
      xhr.send();
    });
    await (await fetch('/cart')).text();
    await tracing.flush();
    const spans = collector.requests.flatMap(
      (r) =>
        (JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] })
          .resourceSpans[0]!.scopeSpans[0]!.spans,
    );
    // One span per request, in the trace its traceparent names (one header value, not two).
    const sent = ['/stock', '/cart'].map((path) => shop.requests.find((r) => r.path === path)!);
    expect(spans.map((span) => span.traceId).sort()).toEqual(
      sent.map((r) => traceIdOf(r.headers.traceparent)).sort(),
    );
  });

  it('exports at most 100 spans per request (the trace relay refuses more than 500 whole)', async () => {
    const shop = await startRecorder();
    const collector = await startRecorder();
    closers.push(shop.close, collector.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    tracing = startTracing({ exportUrl: `${collector.url}/v1/traces` });
    await Promise.all(Array.from({ length: 600 }, (_, i) => fetch(`/item/${i}`).then((r) => r.text())));
    const perExport = () =>
      collector.requests.map(
        (r) =>
          (JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] })
            .resourceSpans[0]!.scopeSpans[0]!.spans.length,
      );
    // Exports the batch size started are in flight beside the flush's own: wait for them all.
    await tracing.flush();
    await vi.waitFor(() => expect(perExport().reduce((a, b) => a + b, 0)).toBe(600));
    expect(Math.max(...perExport())).toBeLessThanOrEqual(100);
  });

  it("masks emails and token-like parameters in the spans' url.full, as the event tag does", async () => {
    const shop = await startRecorder();
    const collector = await startRecorder();
    closers.push(shop.close, collector.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    tracing = startTracing({ exportUrl: `${collector.url}/v1/traces` });
    await (await fetch('/account/reset?token=s3cr3t&q=mugs')).text();
    await new Promise<void>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', '/newsletter?email=jane%40example.com');
      xhr.addEventListener('loadend', () => resolve());
      xhr.send();
    });
    await tracing.flush();
    const urls = collector.requests.flatMap((r) =>
      (
        JSON.parse(r.body) as {
          resourceSpans: {
            scopeSpans: { spans: { attributes: { key: string; value: { stringValue?: string } }[] }[] }[];
          }[];
        }
      ).resourceSpans[0]!.scopeSpans[0]!.spans.map(
        (span) => span.attributes.find((a) => a.key === 'url.full')?.value.stringValue,
      ),
    );
    expect(urls.sort()).toEqual([
      `${shop.url}/account/reset?token=[redacted]&q=mugs`,
      `${shop.url}/newsletter?email=[redacted]`,
    ]);
  });

  it('adds no traceparent after stop, also through wrappers the page put on fetch and XHR afterwards', async () => {
    const shop = await startRecorder();
    closers.push(shop.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    const fetchBefore = window.fetch;
    const sendBefore = XMLHttpRequest.prototype.send;
    tracing = startTracing({ exportUrl: `${shop.url}/v1/traces` });
    // An error tracker wrapping both after tracing started, as the page's scripts load.
    const tracedFetch = window.fetch;
    window.fetch = (input, init) => tracedFetch(input, init);
    const tracedSend = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
      return tracedSend.call(this, body);
    };
    await tracing.stop();
    tracing = undefined;
    await (await fetch('/after-stop')).text();
    await new Promise<void>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', '/xhr-after-stop');
      xhr.addEventListener('loadend', () => resolve());
      xhr.send();
    });
    window.fetch = fetchBefore;
    XMLHttpRequest.prototype.send = sendBefore;
    const paths = ['/after-stop', '/xhr-after-stop'];
    expect(paths.map((path) => shop.requests.find((r) => r.path === path)?.headers.traceparent)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('refuses options of the wrong type at start, naming the field, instead of failing each request', () => {
    const fetchBefore = window.fetch;
    const wrong = [
      [{ propagateTo: 'https://api.shop.example' }, /propagateTo/],
      [{ propagateTo: [42] }, /propagateTo/],
      [{ serviceName: 7 }, /serviceName/],
      [{ headers: { authorization: undefined } }, /headers/],
    ] as const;
    for (const [options, field] of wrong)
      expect(() => startTracing(options as unknown as TracingOptions)).toThrow(field);
    // Nothing was started by a refused call.
    expect(window.fetch).toBe(fetchBefore);
  });

  it('unwraps fetch and XHR on stop, and refuses an empty exportUrl', async () => {
    const original = window.fetch;
    const send = XMLHttpRequest.prototype.send;
    tracing = startTracing({ exportUrl: 'http://127.0.0.1:9/v1/traces' });
    expect(window.fetch).not.toBe(original);
    await tracing.stop();
    tracing = undefined;
    expect(window.fetch).toBe(original);
    expect(XMLHttpRequest.prototype.send).toBe(send);
    expect(() => startTracing({ exportUrl: '' })).toThrow(/exportUrl/);
  });

  it('a second startTracing (start-up code run twice, a second bundled copy) returns the running one: one span per request', async () => {
    const shop = await startRecorder();
    closers.push(shop.close);
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${shop.url}/`);
    tracing = startTracing();
    const again = startTracing({ serviceName: 'other' });
    expect(again).toBe(tracing);
    await (await fetch('/cart', { method: 'POST', body: '{}' })).text();
    await tracing.flush();
    await again.flush();
    const spans = shop.requests
      .filter((r) => r.path === '/shoptel/traces')
      .flatMap(
        (r) =>
          (JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] })
            .resourceSpans[0]!.scopeSpans[0]!.spans,
      );
    expect(spans.map((span) => span.name)).toEqual(['POST']);
  });

  it('a tracing started while the last one stops keeps its global provider', async () => {
    const first = startTracing({ exportUrl: 'http://127.0.0.1:9/v1/traces' });
    const stopping = first.stop(); // a React effect's cleanup, not awaited, then the effect again
    tracing = startTracing({ exportUrl: 'http://127.0.0.1:9/v1/traces' });
    expect(tracing).not.toBe(first);
    await stopping;
    expect(trace.getTracer('app').startSpan('click').isRecording()).toBe(true);
  });
});
