// @vitest-environment node
// A confirmation page as a tag manager builds it, in real Chromium against the relay and the
// devserver: the stub identifies the shopper before the tag loads, a purchase URL pattern is
// configured, and after load the tag manager starts a new `window.dataLayer` and pushes the GA4
// purchase into it; the shopper closes the tab soon after.
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-confirmation');

describe('confirmation page', () => {
  it('stores one purchase, the dataLayer’s with its amount and lines, and a page view with the user', async () => {
    const context = await store.browser.newContext();
    const errors: Error[] = [];
    await context.route(`${store.url}/confirm/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>Thank you</title>
<script>
  window.dataLayer = window.dataLayer || [];
  window.shoptel = window.shoptel || [];
  shoptel.push(['identify', 'u-confirm']);
</script>
<script src="/shoptel.global.js" data-currency="EUR" data-purchase-url-pattern="/confirm/orders/([\\w-]+)"></script>
</head><body><h1>Thank you</h1>
<script>
  addEventListener('load', () => setTimeout(() => {
    window.dataLayer = [];
    window.dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'c-1', value: 25, currency: 'EUR',
      items: [{ item_id: 'sku-1', price: 12.5, quantity: 2 }] } });
    document.title = 'pushed';
  }, 300));
</script></body></html>`,
      }),
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${store.url}/confirm/orders/c-1`);
    await page.waitForFunction(() => document.title === 'pushed');
    await page.close({ runBeforeUnload: true });
    const rows = await waitForRows(
      () => store.rows(sql`AND url LIKE ${'%/confirm/%'}`),
      (found) => found.length >= 2,
    );
    await context.close();
    expect(rows.map((row) => [row.event_type, row.order_id, row.total_amount, row.source])).toEqual([
      ['PAGE_VIEW', undefined, undefined, 'auto'],
      ['PURCHASE', 'c-1', 25, 'datalayer'],
    ]);
    expect((rows[0] as { user_id?: string }).user_id).toBe('u-confirm');
    expect(JSON.parse(String((rows[1] as { items?: unknown }).items))).toEqual([
      { product_id: 'sku-1', price: 12.5, quantity: 2 },
    ]);
    expect(errors).toEqual([]);
  });
});
