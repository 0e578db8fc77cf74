// @vitest-environment node
// Must show: offline then online, reload mid-batch, localStorage full — the right events arrive,
// each once, and nothing else. Real Chromium against the relay and the devserver.
import { sql } from '@shoptel/core';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-edges');
const pages: Page[] = [];
const pageErrors: Error[] = [];
afterEach(async () => {
  store.gate = () => Promise.resolve();
  for (const page of pages.splice(0)) await page.context().close();
  // Whatever happened to storage or the network, the host page never saw an exception from us.
  expect(pageErrors.splice(0)).toEqual([]);
});

/** A fresh shopper on the multi-page shop, tagged by `scenario` in the URL so rows can be told apart. */
async function openShop(scenario: string): Promise<Page> {
  const page = await (await store.browser.newContext()).newPage();
  pages.push(page);
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(`${store.url}/shop/p/sku-1?scenario=${scenario}`);
  return page;
}
const rowsOf = (scenario: string) => () => store.rows(sql`AND url LIKE ${`%scenario=${scenario}%`}`);
/** The events the page holds in localStorage for the next load, over all stored segments in key (time) order. */
const storedEvents = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('shoptel.q.'))
      .sort()
      .flatMap((key) => localStorage.getItem(key)!.split('\n'))
      .map((line) => (JSON.parse(line) as { event_type: string }).event_type),
  );

describe('delivery edges in Chromium', () => {
  it('offline then online: nothing is sent while offline, everything once after', async () => {
    const page = await openShop('offline');
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/shoptel')) posted.push(request.method());
    });
    await page.context().setOffline(true);
    await page.click('#add-sku-1');
    await page.click('#add-sku-2');
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    await page.waitForTimeout(500);
    expect(posted).toEqual([]);
    // Persisted meanwhile, for a reload while offline.
    expect(await storedEvents(page)).toEqual(['PAGE_VIEW', 'PRODUCT_VIEW', 'CART_ADD', 'CART_ADD']);
    await page.context().setOffline(false);
    const rows = await waitForRows(rowsOf('offline'), (found) => found.length >= 3);
    expect(rows.map((row) => [row.event_type, row.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
      ['CART_ADD', 'sku-1'],
      ['CART_ADD', 'sku-2'],
    ]);
    expect(await storedEvents(page)).toEqual([]);
  });

  it('reload mid-batch: a batch in flight and events still waiting both arrive once', async () => {
    const page = await openShop('reload');
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    // The relay now answers slowly: the next batch is still in flight when the page reloads.
    store.gate = () => new Promise((resolve) => setTimeout(resolve, 1500));
    await page.click('#add-sku-1');
    await page.click('#add-sku-2');
    await page.evaluate(() => {
      void (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush();
    });
    await page.click('#remove-sku-2'); // waits in the queue: the reload's page exit sends it
    await page.reload();
    const rows = await waitForRows(rowsOf('reload'), (found) => found.length >= 7);
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
    expect(rows.map((row) => [row.event_type, row.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
      ['CART_ADD', 'sku-1'],
      ['CART_ADD', 'sku-2'],
      ['CART_REMOVE', 'sku-2'],
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
    ]);
  });

  it('localStorage full: events still arrive once, from memory, and the page sees no error', async () => {
    const page = await openShop('full');
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    const filled = await page.evaluate(() => {
      // Fill the origin's quota the way a heavy site does; shoptel's own keys are left in place.
      const chunk = 'x'.repeat(256 * 1024);
      let n = 0;
      try {
        for (; n < 1000; n++) localStorage.setItem(`filler-${n}`, chunk);
      } catch {
        return n;
      }
      return -1;
    });
    expect(filled).toBeGreaterThan(0); // the quota was hit
    await page.reload();
    await page.click('#add-sku-1');
    await page.click('#add-sku-2');
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    const rows = await waitForRows(rowsOf('full'), (found) => found.length >= 6);
    expect(rows.map((row) => [row.event_type, row.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
      ['CART_ADD', 'sku-1'],
      ['CART_ADD', 'sku-2'],
    ]);
    expect(new Set(rows.map((row) => row.session_id)).size).toBe(1);
  });

  it('a <base href> on a CDN: batches from the worker and the exit beacon both reach the relay', async () => {
    const context = await store.browser.newContext();
    await context.route(`${store.url}/based/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>Based</title>
<base href="https://cdn.shop.example/assets/">
<script>window.shoptelConfig = { flushIntervalMs: 100 };</script>
<script src="${store.url}/shoptel.global.js"></script></head><body></body></html>`,
      }),
    );
    const page = await context.newPage();
    pages.push(page);
    page.on('pageerror', (error) => pageErrors.push(error));
    const elsewhere: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('cdn.shop.example')) elsewhere.push(request.url());
    });
    await page.goto(`${store.url}/based/page?scenario=base`);
    await waitForRows(rowsOf('base'), (found) => found.length >= 1); // the page view, from the worker
    await page.evaluate(() =>
      (window as unknown as { shoptel: { trackCartAdd(p: object): void } }).shoptel.trackCartAdd({
        productId: 'sku-1',
      }),
    );
    await page.close({ runBeforeUnload: true }); // the cart add leaves by beacon
    const rows = await waitForRows(rowsOf('base'), (found) => found.length >= 2);
    expect(rows.map((row) => [row.event_type, row.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['CART_ADD', 'sku-1'],
    ]);
    expect(elsewhere).toEqual([]);
  });

  it('a stalled relay holds a batch from the worker and flush() for 10 s at most; the retry delivers it once', async () => {
    const page = await openShop('stall');
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    // The next request waits 13 s at the relay (then is stored: the retry's copy is dropped by id).
    let stalls = 1;
    store.gate = () =>
      stalls-- > 0 ? new Promise((resolve) => setTimeout(resolve, 13_000)) : Promise.resolve();
    await page.click('#add-sku-1');
    const waited = await page.evaluate(async () => {
      const started = performance.now();
      await (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush();
      return performance.now() - started;
    });
    expect(waited).toBeGreaterThan(9_000);
    expect(waited).toBeLessThan(12_500);
    await waitForRows(rowsOf('stall'), (found) => found.some((row) => row.event_type === 'CART_ADD'));
    expect(page.workers()).toHaveLength(1); // the batch went from the worker, its timeout too
    await new Promise((resolve) => setTimeout(resolve, 4000)); // the stalled copy reaches the relay
    const settled = await rowsOf('stall')();
    expect(settled.filter((row) => row.event_type === 'CART_ADD').map((row) => row.product_id)).toEqual([
      'sku-1',
    ]);
  }, 40_000);
});
