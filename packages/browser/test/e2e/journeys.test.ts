// @vitest-environment node
// Must show: 50 scripted shoppers (multi-page and SPA alternately) go home → search → product →
// add two items → remove one → checkout → purchase and close the tab right after the purchase;
// every expected event is stored exactly once, in order within its session, with the right type
// and amounts. Real Chromium, real relay, real devserver.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SDK_NAME } from '../../src/version.js';
import { type Row, useStorefront, waitForRows } from './use-storefront.js';

const store = useStorefront('storefront-journeys');
const JOURNEYS = 50;
const PARALLEL = 3;

type Expected = Partial<Row>[];

const clickAndLoad = (page: Page, selector: string, url: RegExp) =>
  Promise.all([page.waitForURL(url, { waitUntil: 'domcontentloaded' }), page.click(selector)]);

/** The cart steps are the same in both shops: add the mug, add two teas, remove the teas. */
const cartEvents = (source: string): Expected => [
  { event_type: 'CART_ADD', product_id: 'sku-1', price: 12.5, quantity: 1, currency: 'EUR', source },
  { event_type: 'CART_ADD', product_id: 'sku-2', price: 4.25, quantity: 2, currency: 'EUR', source },
  { event_type: 'CART_REMOVE', product_id: 'sku-2', price: 4.25, quantity: 2, currency: 'EUR', source },
];

async function multiPageJourney(page: Page): Promise<Expected> {
  await page.goto(`${store.url}/shop/`);
  await page.fill('input[type=search]', 'mug');
  await clickAndLoad(page, '#go', /\/shop\/search\?/);
  await clickAndLoad(page, '#open-sku-1', /\/shop\/p\/sku-1$/);
  await page.click('#add-sku-1');
  await page.click('#add-sku-2');
  await page.click('#remove-sku-2');
  await clickAndLoad(page, '#checkout', /\/shop\/checkout$/);
  const orderId = /orders\/([\w-]+)\/thanks/.exec((await page.getAttribute('#place-order', 'href'))!)![1]!;
  await clickAndLoad(page, '#place-order', /\/thanks$/);
  return [
    { event_type: 'PAGE_VIEW', page: '/shop/' },
    { event_type: 'SEARCH', search_query: 'mug' },
    { event_type: 'PAGE_VIEW', page: '/shop/search' },
    { event_type: 'PAGE_VIEW', page: '/shop/p/sku-1' },
    { event_type: 'PRODUCT_VIEW', product_id: 'sku-1', price: 12.5, currency: 'EUR' },
    ...cartEvents('auto'),
    { event_type: 'PAGE_VIEW', page: '/shop/checkout' },
    { event_type: 'CHECKOUT', page: '/shop/checkout' },
    { event_type: 'PAGE_VIEW', page: `/shop/orders/${orderId}/thanks` },
    { event_type: 'PURCHASE', order_id: orderId, total_amount: 12.5, currency: 'EUR' },
  ];
}

async function singlePageJourney(page: Page): Promise<Expected> {
  await page.goto(`${store.url}/spa/`);
  await page.fill('input[type=search]', 'mug');
  await page.click('#go');
  await page.click('#open-sku-1');
  await page.click('#add-sku-1');
  await page.click('#add-sku-2');
  await page.click('#remove-sku-2');
  await page.click('#checkout');
  await page.click('#place-order');
  const orderId = /orders\/([\w-]+)\/thanks/.exec(page.url())![1]!;
  return [
    { event_type: 'PAGE_VIEW', page: '/spa/' },
    { event_type: 'SEARCH', search_query: 'mug' },
    { event_type: 'PAGE_VIEW', page: '/spa/search' },
    { event_type: 'PAGE_VIEW', page: '/spa/p/sku-1' },
    { event_type: 'PRODUCT_VIEW', product_id: 'sku-1', price: 12.5 },
    ...cartEvents('datalayer'),
    { event_type: 'PAGE_VIEW', page: '/spa/checkout' },
    { event_type: 'CHECKOUT', total_amount: 12.5, currency: 'EUR', source: 'datalayer' },
    { event_type: 'PURCHASE', order_id: orderId, total_amount: 12.5, currency: 'EUR', source: 'datalayer' },
    { event_type: 'PAGE_VIEW', page: `/spa/orders/${orderId}/thanks` },
  ];
}

interface Journey {
  anonymousId: string;
  expected: Expected;
}

async function runJourney(n: number, closing: Promise<void>[]): Promise<Journey> {
  const context: BrowserContext = await store.browser.newContext();
  const page = await context.newPage();
  const expected = n % 2 === 0 ? await multiPageJourney(page) : await singlePageJourney(page);
  const anonymousId = await page.evaluate(() => localStorage.getItem('shoptel.aid'));
  // The shopper closes the tab right after the purchase; the browser itself stays open a moment.
  await page.close({ runBeforeUnload: true });
  closing.push(new Promise((resolve) => setTimeout(resolve, 3000)).then(() => context.close()));
  return { anonymousId: anonymousId!, expected };
}

describe('storefront journeys in Chromium', () => {
  it(`stores every event of ${JOURNEYS} journeys exactly once, in order, with the right types and amounts`, {
    timeout: 600_000,
  }, async () => {
    const journeys: Journey[] = [];
    const closing: Promise<void>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < JOURNEYS) journeys.push(await runJourney(next++, closing));
      }),
    );
    await Promise.all(closing);
    const total = journeys.reduce((sum, journey) => sum + journey.expected.length, 0);
    const rows = await waitForRows(
      () => store.rows(),
      (found) => found.length >= total,
    );

    expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length); // no duplicates
    for (const journey of journeys) {
      const own = rows.filter((row) => row.anonymous_id === journey.anonymousId);
      expect(new Set(own.map((row) => row.session_id)).size).toBe(1);
      // The user agent comes from the request header, parsed by the relay; the stamp is the
      // browser SDK's, not the relay's shoptel-node.
      expect(own[0]).toMatchObject({
        browser: 'Chrome Headless',
        user_agent: expect.stringContaining('HeadlessChrome'),
      });
      for (const row of own) expect(row.sdk).toBe(SDK_NAME);
      expect(own.map((row) => [row.event_type, row.page])).toEqual(
        journey.expected.map((event, i) => [event.event_type, own[i]?.page]),
      );
      for (const [i, row] of own.entries()) expect(row).toMatchObject(journey.expected[i]!);
    }
    expect(rows).toHaveLength(total); // nothing from anywhere else
  });
});
