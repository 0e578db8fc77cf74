// @vitest-environment node
// The direct mode in real Chromium: a shop page on one origin sends straight to a devserver on
// another (loopback origins pass the devserver's CORS), with the ingestion token given at runtime
// in `window.shoptelConfig`. The devserver has no ingestion-token table, so its Basic-auth
// password stands in for the `o2oi_` token (OpenObserve checks both as Basic credentials).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { createSearchClient, OpenObserveQueryError, resolveConfig, sql } from '@shoptel/core';
import { type DevServer, startDevServer } from '@shoptel/devserver';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_NAME } from '../../src/version.js';
import { launchChromium } from './launch-chromium.js';
import { waitForRows } from './use-storefront.js';

const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'shoptel.direct.global.js');
const USER = 'default';
const TOKEN = 'o2oi_test-ingestion-token-7f3a';
const BASIC = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;

let dev: DevServer;
let shop: Server;
let shopUrl: string;
let browser: Browser;
const shopSaw: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dev = await startDevServer({ port: 0, user: USER, password: TOKEN });
  const config = JSON.stringify({
    currency: 'EUR',
    openobserve: { url: dev.url, org: 'default', token: TOKEN },
  });
  shop = createServer((req, res) => {
    shopSaw.push(req.headers);
    if (req.url === '/shoptel.direct.global.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(BUNDLE));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Direct shop</title>
<script>window.shoptelConfig = ${config};</script>
<script src="/shoptel.direct.global.js"></script></head><body>shop</body></html>`);
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
  await dev?.stop();
});

interface Row {
  event_id: string;
  event_type: string;
  event_time: string;
  _timestamp: number;
  product_id?: string;
  order_id?: string;
  total_amount?: number;
  sdk?: string;
  service?: string;
  user_agent?: string;
  ip?: string;
  browser?: string;
}

async function rows(): Promise<Row[]> {
  const search = createSearchClient(
    resolveConfig({ url: dev.url, auth: { username: USER, password: TOKEN } }),
  );
  const found: Row[] = [];
  try {
    for await (const row of search.searchAll<Row>({
      sql: sql`SELECT * FROM ${sql.id('user_behavior')} ORDER BY event_time, event_id`,
      start: new Date(Date.now() - 3600_000),
      end: new Date(Date.now() + 60_000),
    }))
      found.push(row);
  } catch (error) {
    if (error instanceof OpenObserveQueryError && /stream not found/i.test(error.message)) return [];
    throw error;
  }
  return found;
}

type Shoptel = {
  trackCartAdd(props: object): void;
  trackPurchase(props: object): void;
  flush(): Promise<void>;
};

describe('direct mode in Chromium', () => {
  it('stores the events in OpenObserve, also at page exit, with the token only in the Authorization header to _json', async () => {
    const page = await (await browser.newContext()).newPage();
    const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
    const reading: Promise<void>[] = [];
    page.on('request', (request) => {
      reading.push(
        request.allHeaders().then((headers) => {
          sent.push({ url: request.url(), headers, body: request.postData() ?? '' });
        }),
      );
    });
    await page.goto(`${shopUrl}/`);
    await page.evaluate(async () => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      shoptel.trackCartAdd({ productId: 'sku-1', price: 12.5, quantity: 1 });
      shoptel.trackPurchase({ orderId: 'o-direct', totalAmount: 12.5 });
      await shoptel.flush();
      // Left waiting for the interval: only the page exit sends it.
      shoptel.trackCartAdd({ productId: 'sku-exit', price: 1, quantity: 1 });
    });
    // Page exit by navigation, so the exit request is still seen; the next page then closes.
    await page.goto(`${shopUrl}/next`);
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    await page.close({ runBeforeUnload: true });

    const found = await waitForRows(rows, (r) => new Set(r.map((row) => row.event_id)).size >= 5);
    expect(found.map((row) => [row.event_type, row.product_id ?? row.order_id ?? null])).toEqual([
      ['PAGE_VIEW', null],
      ['CART_ADD', 'sku-1'],
      ['PURCHASE', 'o-direct'],
      ['CART_ADD', 'sku-exit'],
      ['PAGE_VIEW', null],
    ]);
    expect(new Set(found.map((row) => row.event_id)).size).toBe(5);
    for (const row of found) {
      expect(row).toMatchObject({ sdk: SDK_NAME, service: 'storefront' });
      expect(row.user_agent).toContain('HeadlessChrome');
      expect(row._timestamp).toBe(Date.parse(row.event_time) * 1000);
      // What only the relay adds: the client's IP and the parsed user agent.
      expect(row.ip).toBeUndefined();
      expect(row.browser).toBeUndefined();
    }
    expect(found.find((row) => row.event_type === 'PURCHASE')?.total_amount).toBe(12.5);

    await Promise.all(reading);
    const endpoint = `${dev.url}/api/default/user_behavior/_json`;
    const withAuth = sent.filter((request) => request.headers.authorization !== undefined);
    expect(withAuth.length).toBeGreaterThanOrEqual(2);
    for (const request of withAuth) {
      expect(request.url).toBe(endpoint);
      expect(request.headers.authorization).toBe(BASIC);
    }
    for (const request of sent) {
      for (const secret of [TOKEN, BASIC.slice('Basic '.length)]) {
        expect(request.url).not.toContain(secret);
        expect(request.body).not.toContain(secret);
      }
    }
    expect(shopSaw.some((headers) => headers.authorization !== undefined)).toBe(false);
    expect(readFileSync(BUNDLE, 'utf8')).not.toContain('o2oi_');
  });

  it('stores the events a tab left waiting once, when a second tab of the shop opens before it sent them', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(`${shopUrl}/tab-one`);
    await first.evaluate(async () => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      await shoptel.flush(); // the page view goes; the cart adds below wait for the interval
      for (let i = 1; i <= 3; i++) shoptel.trackCartAdd({ productId: `sku-tab-${i}`, price: 2, quantity: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50)); // stored at the end of the task
    });
    const second = await context.newPage();
    await second.goto(`${shopUrl}/tab-two`);
    await second.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    await first.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    await context.close();

    const tabbed = (found: Row[]) => found.filter((row) => row.product_id?.startsWith('sku-tab-'));
    const found = tabbed(await waitForRows(rows, (r) => tabbed(r).length >= 3));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time for a second copy to arrive
    const settled = tabbed(await rows());
    expect(settled.map((row) => row.product_id).sort()).toEqual(['sku-tab-1', 'sku-tab-2', 'sku-tab-3']);
    expect(new Set(settled.map((row) => row.event_id)).size).toBe(3);
    expect(found.length).toBe(3);
  });

  it('loses nothing of a page that leaves with more than the keepalive budget waiting (pagehide, then hidden)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shopUrl}/exit-budget`);
    await page.evaluate(() => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      // ~88 KiB as direct records: beyond the 48 KiB the exit may hand to keepalive requests.
      for (let i = 0; i < 150; i++)
        shoptel.trackCartAdd({
          productId: `sku-exit-${i}`,
          productName: `Blue mug ${i}`,
          price: 1,
          quantity: 1,
        });
    });
    await page.goto(`${shopUrl}/exit-budget-next`); // what did not fit is sent by this page
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    const ours = (found: Row[]) => found.filter((row) => row.product_id?.startsWith('sku-exit-'));
    const found = ours(await waitForRows(rows, (r) => ours(r).length >= 150));
    await context.close();
    expect(new Set(found.map((row) => row.product_id)).size).toBe(150);
    // Twice only what was in flight when the page left (two batches of 30: OpenObserve drops no
    // repeats, README): the rest went once, by keepalive at exit or from storage on the next page.
    expect(found.length).toBeLessThanOrEqual(150 + 2 * 30);
  });
});
