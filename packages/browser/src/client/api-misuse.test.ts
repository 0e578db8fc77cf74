import { describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { init } from './init.js';

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
    expect(problems.map((p) => p.reason)).toEqual(['invalid_event']); // the lines left out
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

  it('a value left out (no number, no currency code, a line without id) is reported; the event goes without it', async () => {
    const { client, events, problems } = startHarness({ autoCapture: false, currency: 'EUR' });
    client.trackCartAdd({ productId: 'nan', price: Number.NaN, quantity: 1 });
    client.trackCartAdd({ productId: 'inf', price: Number.POSITIVE_INFINITY });
    client.trackCartAdd({ productId: 'big', price: loose(10n) });
    client.trackCartAdd({ productId: 'cur', price: 5, currency: 'euro' });
    client.trackPurchase({
      orderId: 'o-2',
      totalAmount: 9,
      items: [loose({ name: 'no id' }), { productId: 'ok' }],
    });
    // Kept as given, no report: numeric text, negative and fractional amounts, nothing given.
    client.trackCartAdd({ productId: 'text', price: loose('12.50'), quantity: loose('2') });
    client.trackCartRemove({ productId: 'neg', quantity: -2, price: 0.5 });
    client.trackCartAdd({ productId: 'none', price: loose(null), currency: loose('') });
    await client.flush();
    expect(problems).toEqual([
      { reason: 'invalid_event', count: 1, message: 'CART_ADD: an amount, currency or line was left out' },
      { reason: 'invalid_event', count: 1, message: 'CART_ADD: an amount, currency or line was left out' },
      { reason: 'invalid_event', count: 1, message: 'CART_ADD: an amount, currency or line was left out' },
      { reason: 'invalid_event', count: 1, message: 'CART_ADD: an amount, currency or line was left out' },
      { reason: 'invalid_event', count: 1, message: 'PURCHASE: an amount, currency or line was left out' },
    ]);
    expect(events.map((e) => [e.product_id ?? e.order_id, e.price, e.quantity, e.currency])).toEqual([
      ['nan', undefined, 1, undefined],
      ['inf', undefined, undefined, undefined],
      ['big', undefined, undefined, undefined],
      ['cur', 5, undefined, 'EUR'],
      ['o-2', undefined, undefined, 'EUR'],
      ['text', 12.5, 2, 'EUR'],
      ['neg', 0.5, -2, 'EUR'],
      ['none', undefined, undefined, undefined],
    ]);
    expect(events[4]!.items).toEqual([{ product_id: 'ok' }]);
  });

  it('init(null), a config that is not set, starts with the defaults', async () => {
    const client = init(loose(null));
    expect(typeof client.trackPageView).toBe('function');
    await client.shutdown();
  });
});
