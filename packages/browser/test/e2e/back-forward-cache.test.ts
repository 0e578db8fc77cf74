// @vitest-environment node
// A page restored from the back/forward cache is a page the shopper sees again: it counts as a
// view, as the same back navigation does when the browser reloads the page instead. Real Chromium
// with its back/forward cache on, against the relay and the devserver.
import { sql } from '@shoptel/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-bfcache');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium({ backForwardCache: true });
});
afterAll(() => browser?.close());

/** A product page and a second page, cacheable (the fixture's pages are `no-store`, which Chromium never caches). */
const shopPage = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title>
<script>window.shoptel = window.shoptel || [];
addEventListener('pageshow', (event) => { if (event.persisted) window.restored = true; });</script>
<script src="/shoptel.global.js" data-currency="EUR"></script></head><body>${body}</body></html>`;

describe('back/forward cache', () => {
  it('a restored page is counted as a view again, with its product', async () => {
    const context = await browser.newContext();
    const errors: Error[] = [];
    await context.route(`${store.url}/bfcache/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: route.request().url().endsWith('/p/sku-1')
          ? shopPage(
              'Blue mug',
              '<h1 data-shoptel-product-id="sku-1" data-shoptel-price="12.5">Blue mug</h1><a id="next" href="/bfcache/about">About</a>',
            )
          : shopPage('About', '<p>About us</p>'),
      }),
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${store.url}/bfcache/p/sku-1`);
    await page.click('#next');
    await page.waitForURL('**/bfcache/about');
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => (window as { restored?: boolean }).restored === true);
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    const rows = await waitForRows(
      () => store.rows(sql`AND url LIKE ${'%/bfcache/%'}`),
      (found) => found.length >= 5,
    );
    expect(rows.map((row) => [row.event_type, row.page, row.product_id])).toEqual([
      ['PAGE_VIEW', '/bfcache/p/sku-1', undefined],
      ['PRODUCT_VIEW', '/bfcache/p/sku-1', 'sku-1'],
      ['PAGE_VIEW', '/bfcache/about', undefined],
      ['PAGE_VIEW', '/bfcache/p/sku-1', undefined],
      ['PRODUCT_VIEW', '/bfcache/p/sku-1', 'sku-1'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
