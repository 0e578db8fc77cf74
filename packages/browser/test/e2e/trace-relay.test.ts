// @vitest-environment node
// Spans through the relay in real Chromium: the tracing script tag exports to its default
// `/shoptel/traces`, served by @shoptel/node's `traceRelay()`, and the storefront's fetch span and
// the backend's server span (the node middleware) land in the traces stream with one trace id.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createSearchClient, OpenObserveQueryError, resolveConfig, sql } from '@shoptel/core';
import { type DevServer, startDevServer } from '@shoptel/devserver';
import { createShoptel, type Shoptel } from '@shoptel/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { waitForRows } from './use-storefront.js';

const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'shoptel.tracing.global.js');
const AUTH = { username: 'root@example.com', password: 'Complexpass#123' };

let dev: DevServer;
let shoptel: Shoptel;
let shop: Server;
let shopUrl: string;
let browser: Browser;

beforeAll(async () => {
  dev = await startDevServer({ port: 0 });
  shoptel = createShoptel({
    url: dev.url,
    auth: AUTH,
    serviceName: 'shop-api',
    tracing: { enabled: true, samplingRate: 1 },
  });
  const traceRelay = shoptel.traceRelay();
  const middleware = shoptel.middleware();
  shop = createServer((req, res) => {
    if (req.url === '/shoptel/traces') return traceRelay(req, res);
    if (req.url === '/shoptel.tracing.global.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(BUNDLE));
    }
    if (req.url === '/api/orders')
      return middleware(req, res, () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":"o-1"}');
      });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Traced shop</title>
<script src="/shoptel.tracing.global.js"></script>
<script>window.tracing = shoptelTracing.startTracing({ serviceName: 'storefront-web' });</script>
</head><body><button id="buy" onclick="fetch('/api/orders', { method: 'POST', body: '{}' })">Buy</button></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const address = shop.address();
  shopUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  shop?.closeAllConnections();
  await new Promise((resolve) => shop?.close(resolve));
  await shoptel?.shutdown();
  await dev?.stop();
});

type SpanRow = { trace_id: string; span_id: string; service_name: string; span_kind: string };

async function spans(): Promise<SpanRow[]> {
  await shoptel.flush();
  const search = createSearchClient(resolveConfig({ url: dev.url, auth: AUTH }));
  try {
    const result = await search.search<SpanRow>({
      sql: sql`SELECT * FROM ${sql.id('traces')}`,
      start: new Date(Date.now() - 3600_000),
      end: new Date(Date.now() + 60_000),
      streamType: 'traces',
    });
    return result.hits;
  } catch (error) {
    if (error instanceof OpenObserveQueryError && /stream not found/i.test(error.message)) return [];
    throw error;
  }
}

describe('spans through the trace relay in Chromium', () => {
  it("stores the storefront's click span and the backend's span in one trace", async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${shopUrl}/`);
    await Promise.all([page.waitForResponse(`${shopUrl}/api/orders`), page.click('#buy')]);
    await page.evaluate(() => (window as unknown as { tracing: { flush(): Promise<void> } }).tracing.flush());
    await page.close();

    const found = await waitForRows(spans, (rows) =>
      rows.some((row) => row.service_name === 'storefront-web'),
    );
    expect(errors).toEqual([]);
    // One span: the click's request. The export requests to /shoptel/traces are never traced.
    const browserSpans = found.filter((row) => row.service_name === 'storefront-web');
    const serverSpans = found.filter((row) => row.service_name === 'shop-api');
    expect(browserSpans).toHaveLength(1);
    expect(serverSpans.length).toBeGreaterThanOrEqual(1);
    expect(serverSpans.map((row) => row.trace_id)).toContain(browserSpans[0]!.trace_id);
  });
});
