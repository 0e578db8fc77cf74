import { afterEach, describe, expect, it, vi } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';
import { URL_PURCHASE_WAIT_MS } from './create-held-purchase.js';
import { TITLE_WAIT_MS } from './create-held-view.js';

const CONFIRMATION = `
  <section data-shoptel-purchase="ord-42" data-shoptel-total="23.5" data-shoptel-currency="EUR">
    <p data-shoptel-product-id="sku-1" data-shoptel-product-name="Tea" data-shoptel-price="4.5" data-shoptel-quantity="3"></p>
    <p data-shoptel-product-id="sku-2" data-shoptel-price="10" data-shoptel-quantity="1"></p>
  </section>`;

describe('checkout and purchase capture', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the order on a confirmation page with its lines', async () => {
    document.body.innerHTML = CONFIRMATION;
    const { events } = startHarness({ autoCapture: only('checkout') });
    await settle(1100);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event_type: 'PURCHASE',
      order_id: 'ord-42',
      total_amount: 23.5,
      currency: 'EUR',
      items: [
        { product_id: 'sku-1', name: 'Tea', price: 4.5, quantity: 3 },
        { product_id: 'sku-2', price: 10, quantity: 1 },
      ],
    });
  });

  it('counts a purchase once per order id, also after a reload of the confirmation page', async () => {
    document.body.innerHTML = CONFIRMATION;
    const first = startHarness({
      autoCapture: only('checkout'),
      consent: 'granted',
      endpoint: 'http://127.0.0.1:9/none',
    });
    await settle();
    await first.client.shutdown();
    const second = startHarness({
      autoCapture: only('checkout'),
      consent: 'granted',
      endpoint: 'http://127.0.0.1:9/none',
    });
    second.client.trackPurchase({ orderId: 'ord-42', totalAmount: 23.5 });
    await settle();
    expect(first.types()).toEqual(['PURCHASE']);
    expect(second.events).toEqual([]);
    expect(second.problems.map((problem) => problem.reason)).toContain('duplicate_purchase');
    await second.client.shutdown();
  });

  it("keeps the amount of an order whose URL purchase went at page exit: a payment return's redirect", async () => {
    const options = {
      autoCapture: only('checkout'),
      consent: 'granted' as const,
      endpoint: 'http://127.0.0.1:9/none',
      purchaseUrlPatterns: ['/checkout/(?:return|success)'],
    };
    // The payment provider returns the shopper here; the shop redirects at once.
    history.replaceState(null, '', '/checkout/return?order_id=r-1');
    const returned = startHarness(options);
    window.dispatchEvent(new Event('pagehide')); // the URL's purchase leaves with the page
    await returned.client.shutdown();
    history.replaceState(null, '', '/checkout/success?order_id=r-1');
    document.body.innerHTML = CONFIRMATION.replace('ord-42', 'r-1');
    const confirmed = startHarness(options);
    await settle();
    expect(returned.events.map((event) => [event.order_id, event.total_amount])).toEqual([
      ['r-1', undefined],
    ]);
    expect(confirmed.events.map((event) => [event.order_id, event.total_amount])).toEqual([['r-1', 23.5]]);
    expect(confirmed.problems).toEqual([]);
    await confirmed.client.shutdown();

    // A reload of either page adds nothing, and reports nothing for an id alone.
    const again = startHarness(options);
    again.client.trackPurchase({ orderId: 'r-1' });
    await settle();
    expect(again.events).toEqual([]);
    expect(again.problems.map((problem) => problem.reason)).toEqual(['duplicate_purchase']);
    await again.client.shutdown();
  });

  it('captures checkout and purchase from URL patterns, the order id from a group or a parameter', async () => {
    const options = {
      autoCapture: only('checkout', 'pageViews'),
      checkoutUrlPatterns: ['/checkout$'],
      purchaseUrlPatterns: [/\/orders\/(\w+)\/thanks/, '/thank-you'],
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // the last purchase waits seconds
    const { events } = startHarness(options);
    history.pushState({}, '', '/checkout');
    history.pushState({}, '', '/orders/A17/thanks');
    history.pushState({}, '', '/thank-you?order_id=B18');
    history.pushState({}, '', '/thank-you?order_id=B18&x=1'); // query only: no new page
    history.pushState({}, '', '/thank-you'); // no id: no purchase
    // The last view waits for the app's title, its purchase for a richer one (none comes here);
    // each earlier URL's purchase goes when the next page opens.
    await vi.advanceTimersByTimeAsync(TITLE_WAIT_MS + URL_PURCHASE_WAIT_MS + 50);
    expect(events.map((event) => [event.event_type, event.order_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['PAGE_VIEW', undefined],
      ['CHECKOUT', undefined],
      ['PAGE_VIEW', undefined],
      ['PURCHASE', 'A17'],
      ['PAGE_VIEW', undefined],
      ['PURCHASE', 'B18'],
    ]);
  });
});
