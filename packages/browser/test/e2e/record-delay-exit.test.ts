// @vitest-environment node
// The calls of the last second before the shopper leaves: built at page exit or with a checkout,
// they must all go with the exit's beacons or the checkout's keepalive request, not as a worker's
// batch that dies with the page (30 of 45 were lost so in both cases; with recordDelayMs 0 all
// arrived). Real Chromium against the relay and the devserver.
import { sql } from '@shoptel/core';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-record-delay');
const pages: Page[] = [];
afterEach(async () => {
  store.gate = () => Promise.resolve();
  for (const page of pages.splice(0)) await page.context().close();
});

type Shoptel = { trackCartAdd(props: object): void; trackCheckout(props: object): void };

describe('calls waiting for their build at page exit, in Chromium', () => {
  it('a burst just before the shopper leaves the shop arrives whole, every event once', async () => {
    const page = await (await store.browser.newContext()).newPage();
    pages.push(page);
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${store.url}/shop/p/sku-1?scenario=exit-burst`);
    // The load's events are sent: only the burst waits.
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    await page.evaluate(() => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      // A listing's product grid, say: more calls than one batch holds, all within recordDelayMs.
      for (let i = 0; i < 45; i++) shoptel.trackCartAdd({ productId: `sku-x${i}`, price: 3, quantity: 1 });
    });
    // The shopper reads for half a second, within recordDelayMs, then leaves.
    await page.waitForTimeout(500);
    // A relay some way off: a request takes a while, as over a shopper's mobile network.
    store.gate = () => new Promise((resolve) => setTimeout(resolve, 300));
    // Off the shop: no later page of it sends what this one left stored.
    await page.goto('about:blank');
    const rows = await waitForRows(
      () => store.rows(sql`AND url LIKE ${'%scenario=exit-burst%'} AND event_type = ${'CART_ADD'}`),
      (found) => found.length >= 45,
      15_000,
    );
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
    expect(rows).toHaveLength(45);
    expect(errors).toEqual([]);
  });

  it("a call the page makes in its own pagehide listener, after shoptel's, arrives once", async () => {
    const page = await (await store.browser.newContext()).newPage();
    pages.push(page);
    await page.goto(`${store.url}/shop/p/sku-1?scenario=exit-late-call`);
    await page.evaluate(() => {
      // The shop's own exit listener, added after the tag's: its call waits for a build that only
      // the page's hiding, after pagehide, can still run.
      addEventListener('pagehide', () =>
        (window as unknown as { shoptel: Shoptel }).shoptel.trackCartAdd({ productId: 'sku-late', price: 3 }),
      );
    });
    await page.goto('about:blank');
    const rows = await waitForRows(
      () => store.rows(sql`AND url LIKE ${'%scenario=exit-late-call%'} AND product_id = ${'sku-late'}`),
      (found) => found.length >= 1,
      10_000,
    );
    expect(rows).toHaveLength(1);
  });

  it('the calls of the second before a checkout that leaves the page arrive whole, every event once', async () => {
    const page = await (await store.browser.newContext()).newPage();
    pages.push(page);
    await page.goto(`${store.url}/shop/p/sku-1?scenario=checkout-burst`);
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    await page.evaluate(() => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      for (let i = 0; i < 45; i++) shoptel.trackCartAdd({ productId: `sku-c${i}`, price: 3, quantity: 1 });
    });
    await page.waitForTimeout(500);
    store.gate = () => new Promise((resolve) => setTimeout(resolve, 300));
    // The checkout button's handler tracks, then the browser leaves for the payment provider.
    await page.evaluate(() => {
      (window as unknown as { shoptel: Shoptel }).shoptel.trackCheckout({ cartId: 'c-1', totalAmount: 135 });
      location.href = 'about:blank';
    });
    await page.waitForURL('about:blank');
    const rows = await waitForRows(
      () =>
        store.rows(
          sql`AND url LIKE ${'%scenario=checkout-burst%'} AND event_type != ${'PAGE_VIEW'} AND event_type != ${'PRODUCT_VIEW'}`,
        ),
      (found) => found.length >= 46,
      15_000,
    );
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
    expect(rows.filter((row) => row.event_type === 'CART_ADD')).toHaveLength(45);
    expect(rows.filter((row) => row.event_type === 'CHECKOUT')).toHaveLength(1);
  });
});
