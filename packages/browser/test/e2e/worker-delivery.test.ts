// @vitest-environment node
// Batches leave from a dedicated worker, off the page's main thread; urgent sends (a purchase)
// from the page with keepalive; where the page's Content-Security-Policy forbids the worker, from
// the page. Real Chromium against the relay and the devserver.
import { sql } from '@shoptel/core';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-worker');
const pages: Page[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.context().close();
});

type Shoptel = { trackCartAdd(props: object): void; trackPurchase(props: object): void };

/** A shopper's page that counts the page's own `fetch` calls; `csp` is sent as its policy. */
async function openShop(scenario: string, csp?: string) {
  const context = await store.browser.newContext();
  const page = await context.newPage();
  pages.push(page);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.addInitScript(() => {
    const counted = window as unknown as { pageFetches: number; violations: number };
    counted.pageFetches = 0;
    counted.violations = 0;
    document.addEventListener('securitypolicyviolation', () => counted.violations++);
    const original = window.fetch;
    window.fetch = function (...args: Parameters<typeof fetch>) {
      counted.pageFetches++;
      return original.apply(this, args);
    };
  });
  if (csp)
    await page.route('**/shop/**', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
  await page.goto(`${store.url}/shop/p/sku-1?scenario=${scenario}`);
  const shop = async (orderId: string) => {
    await page.evaluate(() => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      for (let i = 0; i < 40; i++) shoptel.trackCartAdd({ productId: `sku-w${i}`, price: 3, quantity: 1 });
    });
    // Past recordDelayMs: the cart adds are built and their full batch posted. Calls still waiting
    // when a purchase is tracked go with it, urgently (the purchase may leave the page).
    await page.waitForTimeout(1500);
    await page.evaluate((order) => {
      (window as unknown as { shoptel: Shoptel }).shoptel.trackPurchase({ orderId: order, totalAmount: 120 });
    }, orderId);
  };
  const pageFetches = () => page.evaluate(() => (window as unknown as { pageFetches: number }).pageFetches);
  return { page, errors, shop, pageFetches };
}

const rowsOf = (scenario: string) => () => store.rows(sql`AND url LIKE ${`%scenario=${scenario}%`}`);
const expected = (found: { event_type: string }[]) =>
  found.filter((row) => row.event_type === 'CART_ADD').length === 40 &&
  found.some((row) => row.event_type === 'PURCHASE');

describe('delivery from a worker in Chromium', () => {
  it('posts batches from a worker and only the urgent purchase from the page, every event once', async () => {
    const { page, errors, shop, pageFetches } = await openShop('worker');
    await shop('o-worker');
    const rows = await waitForRows(rowsOf('worker'), expected);
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
    expect(rows.filter((row) => row.event_type === 'CART_ADD')).toHaveLength(40);
    expect(page.workers()).toHaveLength(1);
    expect(await pageFetches()).toBe(1); // the purchase, with keepalive; the cart batches went from the worker
    expect(errors).toEqual([]);
  });

  it("posts from the page when the page's policy forbids workers, every event once", async () => {
    const { page, errors, shop, pageFetches } = await openShop('no-worker', "worker-src 'none'");
    await shop('o-no-worker');
    const rows = await waitForRows(rowsOf('no-worker'), expected);
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
    expect(rows.filter((row) => row.event_type === 'CART_ADD')).toHaveLength(40);
    expect(page.workers()).toHaveLength(0);
    expect(await pageFetches()).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    // Two more full batches: the page does not try (and break its policy) again for each.
    await page.evaluate(() => {
      const shoptel = (window as unknown as { shoptel: Shoptel }).shoptel;
      for (let i = 0; i < 60; i++) shoptel.trackCartAdd({ productId: `sku-v${i}`, price: 3, quantity: 1 });
    });
    await waitForRows(
      rowsOf('no-worker'),
      (found) => found.filter((row) => row.event_type === 'CART_ADD').length === 100,
    );
    expect(await page.evaluate(() => (window as unknown as { violations: number }).violations)).toBe(1);
  });
});
