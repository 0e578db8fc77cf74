import { describe, expect, it } from 'vitest';
import { settle, startHarness } from '../../test/capture-harness.js';

/** The harness builds each call at once; these tests run with a delay, as storefronts do. */
const delayed = (recordDelayMs = 100) => startHarness({ autoCapture: false, recordDelayMs });
const cart = (productId: string) => ({ productId, price: 3, currency: 'EUR' });

describe('calls built within recordDelayMs', () => {
  it('builds a call after the delay, with the time of the call, and the calls of the delay together', async () => {
    const { client, events } = delayed();
    const calledAt = Date.now();
    client.trackCartAdd(cart('sku-1'));
    await settle(40);
    client.trackCartAdd(cart('sku-2'));
    expect(events).toEqual([]);
    await settle(100);
    expect(events.map((event) => event.product_id)).toEqual(['sku-1', 'sku-2']);
    expect(Date.parse(events[0]!.event_time)).toBeLessThan(calledAt + 30);
  });

  it('a checkout or purchase builds what waits and itself at once, in order', () => {
    const { client, events } = delayed(60_000);
    client.trackCartAdd(cart('sku-1'));
    client.trackCheckout({ cartId: 'c-1', totalAmount: 3 });
    client.trackCartAdd(cart('sku-2'));
    client.trackPurchase({ orderId: 'o-1', totalAmount: 3 });
    expect(events.map((event) => event.event_type)).toEqual(['CART_ADD', 'CHECKOUT', 'CART_ADD', 'PURCHASE']);
  });

  it('each event carries the identity of its call, across identify and reset', async () => {
    const { client, events } = delayed(60_000);
    client.trackCartAdd(cart('sku-1'));
    client.identify('user-1');
    client.trackCartAdd(cart('sku-2'));
    const before = events.length;
    client.reset();
    client.trackCartAdd(cart('sku-3'));
    await client.flush();
    expect(before).toBe(1); // identify built the call made before it
    expect(events.map((event) => event.user_id)).toEqual([undefined, 'user-1', undefined]);
    expect(events[2]!.session_id).not.toBe(events[1]!.session_id);
  });

  it('keeps the page of the call when an SPA routes before the build', async () => {
    const { client, events } = delayed(60_000);
    history.pushState({}, '', '/products/sku-1?ref=home');
    client.trackCartAdd(cart('sku-1'));
    history.pushState({}, '', '/cart');
    client.trackCartRemove(cart('sku-1'));
    await client.flush();
    expect(events.map((event) => [event.page, event.url])).toEqual([
      ['/products/sku-1', 'http://127.0.0.1/products/sku-1?ref=home'],
      ['/cart', 'http://127.0.0.1/cart'],
    ]);
  });

  it('takes a copy of the props: the page may reuse its object after the call', async () => {
    const { client, events } = delayed(60_000);
    const props = cart('sku-1');
    client.trackCartAdd(props);
    props.productId = 'sku-2';
    client.trackCartAdd(props);
    await client.flush();
    expect(events.map((event) => event.product_id)).toEqual(['sku-1', 'sku-2']);
  });

  it('builds at once in a hidden page, which may be frozen or discarded before a timer runs', () => {
    const { client, events } = delayed(60_000);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      client.trackCartAdd(cart('sku-1'));
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    expect(events).toHaveLength(1);
  });

  it('reports an invalid call when it is built, and the calls around it still go', async () => {
    const { client, events, problems } = delayed(60_000);
    client.trackCartAdd(cart('sku-1'));
    client.trackCartAdd({ price: 3 } as never);
    client.trackSearch({ query: 'mugs' });
    await client.flush();
    expect(events.map((event) => event.event_type)).toEqual(['CART_ADD', 'SEARCH']);
    expect(problems.map((problem) => problem.reason)).toEqual(['invalid_event']);
  });

  it('a burst is built in the page’s own task, 100 calls at a time', () => {
    const { client, events } = delayed(60_000);
    for (let i = 0; i < 250; i++) client.trackCartAdd(cart(`sku-${i}`));
    expect(events).toHaveLength(200);
  });

  it('page exit builds what waits before it sends', () => {
    const { client, events } = delayed(60_000);
    client.trackCartAdd(cart('sku-1'));
    dispatchEvent(new Event('pagehide'));
    expect(events).toHaveLength(1);
  });
});
