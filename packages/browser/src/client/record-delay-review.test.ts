import { describe, expect, it } from 'vitest';
import { settle, startHarness } from '../../test/capture-harness.js';

// Found in review of the delayed build (recordDelayMs): each case failed before its fix.
const delayed = (recordDelayMs = 60_000) => startHarness({ autoCapture: false, recordDelayMs });
const cart = (productId: string) => ({ productId, price: 3, currency: 'EUR' });

describe('calls built within recordDelayMs: review', () => {
  it('a call made while shutdown flushes is still built, as it was before the delay, and no timer is left', async () => {
    const { client, events } = delayed(50);
    const done = client.shutdown();
    client.trackCartAdd(cart('sku-1')); // the page's last call, in the task that shut the client
    await done;
    expect(events.map((event) => event.product_id)).toEqual(['sku-1']);
    events.length = 0;
    await settle(80); // past recordDelayMs: a timer left behind would build nothing, or something
    expect(events).toEqual([]);
  });

  it('keeps the title of the call’s page when an SPA routes before the build', async () => {
    const { client, events } = delayed();
    history.pushState({}, '', '/products/sku-1');
    document.title = 'Blue mug';
    client.trackCartAdd(cart('sku-1'));
    history.pushState({}, '', '/checkout');
    document.title = 'Checkout';
    client.trackCheckout({ cartId: 'c-1', totalAmount: 3 }); // builds the waiting cart add now
    expect(events.map((event) => [event.event_type, event.page, event.title])).toEqual([
      ['CART_ADD', '/products/sku-1', 'Blue mug'],
      ['CHECKOUT', '/checkout', 'Checkout'],
    ]);
  });

  it('reads props a store model gives through getters', async () => {
    // A cart line from a store's model class: its fields are getters on the prototype, which a
    // spread copy of the props does not see; the call is refused as invalid_event.
    class CartLine {
      readonly sku: string;
      constructor(sku: string) {
        this.sku = sku;
      }
      get productId() {
        return this.sku;
      }
      get price() {
        return 3;
      }
    }
    const { client, events, problems } = delayed();
    client.trackCartAdd(new CartLine('sku-1'));
    await client.flush();
    expect(events.map((event) => [event.product_id, event.price])).toEqual([['sku-1', 3]]);
    expect(problems).toEqual([]);
  });
});
