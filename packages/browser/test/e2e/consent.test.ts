// @vitest-environment node
// Must show: consent pending then granted, and denied — in real Chromium, the tag configured with
// data-consent="pending": nothing stored or sent while pending, everything after a grant, nothing
// at all after a denial.
import { sql } from '@shoptel/core';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { SDK_NAME } from '../../src/version.js';
import { useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-consent', 'data-consent="pending"');
const pages: Page[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.context().close();
});

type Shoptel = { setConsent(state: string): void; flush(): Promise<void> };

async function openShop(scenario: string) {
  const page = await (await store.browser.newContext()).newPage();
  pages.push(page);
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/shoptel')) posts.push(request.postData() ?? '');
  });
  await page.goto(`${store.url}/shop/p/sku-1?scenario=${scenario}`);
  return { page, posts };
}
const shoptelKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('shoptel.')));
const rowsOf = (scenario: string) => () => store.rows(sql`AND url LIKE ${`%scenario=${scenario}%`}`);

describe('consent in Chromium', () => {
  it('pending keeps events in memory only; granted sends them all, once', async () => {
    const { page, posts } = await openShop('granted');
    await page.click('#add-sku-1');
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(await shoptelKeys(page)).toEqual([]);
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.setConsent('granted'));
    await page.click('#add-sku-2');
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.flush());
    const rows = await waitForRows(rowsOf('granted'), (found) => found.length >= 4);
    expect(rows.map((row) => [row.event_type, row.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['PRODUCT_VIEW', 'sku-1'],
      ['CART_ADD', 'sku-1'],
      ['CART_ADD', 'sku-2'],
    ]);
    expect(rows.map((row) => row.sdk)).toEqual(new Array(4).fill(SDK_NAME));
    expect(await shoptelKeys(page)).toContain('shoptel.aid');
  });

  it('denied clears everything and sends nothing, also at page exit', async () => {
    const { page, posts } = await openShop('denied');
    await page.click('#add-sku-1');
    await page.evaluate(() => (window as unknown as { shoptel: Shoptel }).shoptel.setConsent('denied'));
    await page.click('#add-sku-2');
    await page.goto(`${store.url}/shop/?scenario=denied`); // page exit, then a new page, still pending
    await page.close({ runBeforeUnload: true });
    // Another shopper grants, so the stream has rows and a leak from the first would show.
    const other = await openShop('control-after-deny');
    await other.page.evaluate(() =>
      (window as unknown as { shoptel: Shoptel }).shoptel.setConsent('granted'),
    );
    await waitForRows(rowsOf('control-after-deny'), (found) => found.length >= 2);
    expect(posts).toEqual([]);
    expect(await rowsOf('denied')()).toEqual([]);
  });
});
