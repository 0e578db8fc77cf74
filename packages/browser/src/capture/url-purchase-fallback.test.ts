import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { only, startHarness } from '../../test/capture-harness.js';
import { URL_PURCHASE_WAIT_MS } from './create-held-purchase.js';

const host = window as unknown as { dataLayer?: unknown[] };
const options = {
  autoCapture: only('checkout', 'dataLayer'),
  purchaseUrlPatterns: [/\/orders\/([\w-]+)\/thanks/],
};
const purchases = (events: { event_type: string }[]) => events.filter((e) => e.event_type === 'PURCHASE');

// The wait is seconds long: the page's timers run on a fake clock.
const settle = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('a purchase URL pattern beside a richer source on the confirmation page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives way to a GA4 purchase pushed after load', async () => {
    history.replaceState(null, '', '/orders/o-9/thanks');
    const { events } = startHarness(options);
    await settle(5000); // a tag manager loaded late on a slow connection pushes the order
    host.dataLayer!.push({
      event: 'purchase',
      ecommerce: {
        transaction_id: 'o-9',
        value: 20,
        currency: 'EUR',
        items: [{ item_id: 'sku-1', price: 20, quantity: 1 }],
      },
    });
    await settle(URL_PURCHASE_WAIT_MS + 50);
    expect(purchases(events)).toMatchObject([
      {
        order_id: 'o-9',
        total_amount: 20,
        currency: 'EUR',
        source: 'datalayer',
        items: [{ product_id: 'sku-1' }],
      },
    ]);
  });

  it('stays silent for an order an SPA pushed before routing to its confirmation URL', async () => {
    history.replaceState(null, '', '/checkout');
    const { events, problems } = startHarness(options);
    host.dataLayer!.push({
      event: 'purchase',
      ecommerce: { transaction_id: 'o-7', value: 9, currency: 'EUR' },
    });
    history.pushState(null, '', '/orders/o-7/thanks');
    await settle(URL_PURCHASE_WAIT_MS + 300); // the view's title wait (≤ 100 ms), then the URL's
    expect(purchases(events)).toMatchObject([{ order_id: 'o-7', total_amount: 9, source: 'datalayer' }]);
    // The URL's purchase knew the order id only: the order counted already is no duplicate to report.
    expect(problems).toEqual([]);
  });

  it('gives way to [data-shoptel-purchase] markup', async () => {
    history.replaceState(null, '', '/orders/o-8/thanks');
    document.body.innerHTML = `<section data-shoptel-purchase="o-8" data-shoptel-total="12.5" data-shoptel-currency="EUR">
      <p data-shoptel-product-id="sku-2" data-shoptel-quantity="1"></p></section>`;
    const { events, problems } = startHarness(options);
    await settle(URL_PURCHASE_WAIT_MS + 50);
    expect(purchases(events)).toMatchObject([
      { order_id: 'o-8', total_amount: 12.5, items: [{ product_id: 'sku-2' }] },
    ]);
    expect(problems).toEqual([]);
  });

  it('is the fallback when nothing richer comes: after the wait, or at once when the page is left', async () => {
    history.replaceState(null, '', '/orders/o-7/thanks');
    const waited = startHarness(options);
    await settle(URL_PURCHASE_WAIT_MS - 300);
    expect(purchases(waited.events)).toEqual([]);
    await settle(400);
    expect(purchases(waited.events)).toMatchObject([{ order_id: 'o-7', page: '/orders/o-7/thanks' }]);
    await waited.client.shutdown();

    history.replaceState(null, '', '/orders/o-6/thanks');
    const left = startHarness(options);
    window.dispatchEvent(new Event('pagehide')); // the shopper closes the tab
    expect(purchases(left.events)).toMatchObject([{ order_id: 'o-6' }]);
  });
});
