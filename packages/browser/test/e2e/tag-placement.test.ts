// @vitest-environment node
// Where storefronts put the tag: high in <head>, before <title> (as tag managers advise). The load's
// views still carry the page's title. Real Chromium against the relay and the devserver.
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-placement');

describe('tag placement', () => {
  it('a tag before <title> sends the load’s page and product views with the title', async () => {
    const context = await store.browser.newContext();
    const errors: Error[] = [];
    await context.route(`${store.url}/early/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8">
<script>window.shoptel = window.shoptel || [];</script>
<script src="/shoptel.global.js" data-currency="EUR"></script>
<title>Blue mug – Shop</title>
<script type="application/ld+json">{"@type":"Product","sku":"sku-1","offers":{"price":"12.50"}}</script>
</head><body><h1>Blue mug</h1></body></html>`,
      }),
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${store.url}/early/p/sku-1`);
    await page.evaluate(() => (window as unknown as { shoptel: { flush(): Promise<void> } }).shoptel.flush());
    const rows = await waitForRows(
      () => store.rows(sql`AND url LIKE ${'%/early/%'}`),
      (found) => found.length >= 2,
    );
    expect(rows.map((row) => [row.event_type, (row as { title?: string }).title])).toEqual([
      ['PAGE_VIEW', 'Blue mug – Shop'],
      ['PRODUCT_VIEW', 'Blue mug – Shop'],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
