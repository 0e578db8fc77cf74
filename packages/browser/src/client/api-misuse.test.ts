import { describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';

// What plain JavaScript (no types) hands the API: each call must keep what it can and never
// lose the whole event over one field.
const loose = <T>(value: unknown) => value as T;

describe('API props of the wrong shape', () => {
  it('a purchase whose items are no array is kept, without lines', async () => {
    const { client, events, problems } = startHarness({ autoCapture: false });
    client.trackPurchase({
      orderId: 'o-1',
      totalAmount: 42,
      items: loose({ productId: 'sku-1', price: 42, quantity: 1 }),
    });
    await client.flush();
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.event_type, e.order_id, e.total_amount, e.items])).toEqual([
      ['PURCHASE', 'o-1', 42, undefined],
    ]);
  });

  it('a page view with null or non-text overrides is kept (null reads as not given)', async () => {
    document.title = 'Shop';
    const { client, events, problems } = startHarness({ autoCapture: false });
    client.trackPageView({ page: loose(null), url: loose(null), title: loose(null) });
    client.trackPageView({ page: loose(404), title: loose(7) });
    await client.flush();
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.page, e.url, e.title])).toEqual([
      ['/', 'http://127.0.0.1/', 'Shop'],
      ['404', 'http://127.0.0.1/', '7'],
    ]);
  });

  it('an id that is an object or a function is refused, not sent as one id for all', async () => {
    const product = { productId: 'sku-1', price: 5 };
    const { client, events, problems } = startHarness({ autoCapture: false });
    client.trackCartAdd({ productId: loose(product) });
    client.trackProductView({ productId: loose(() => 'sku-1') });
    client.trackPurchase({ orderId: loose({ id: 'o-1' }), totalAmount: 5 });
    client.trackCartAdd({ productId: loose(123), price: 5 });
    await client.flush();
    expect(problems.map((p) => p.reason)).toEqual(['invalid_event', 'invalid_event', 'invalid_event']);
    expect(events.map((e) => [e.event_type, e.product_id])).toEqual([['CART_ADD', '123']]);
  });
});
