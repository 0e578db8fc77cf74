import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';

// Old libraries and some exploits add enumerable properties to `Object.prototype`; a page like
// that must still get a working tag, not an exception at load.
const polluted = Object.prototype as Record<string, unknown>;
afterEach(() => {
  delete polluted.event;
  delete polluted.price;
});

describe('a page whose Object.prototype has extra enumerable properties', () => {
  it('starts, tracks and answers calls', () => {
    polluted.event = 'purchase';
    polluted.price = 999;
    const { client, events, problems } = startHarness({ autoCapture: { cart: false, dataLayer: false } });
    client.trackCartAdd({ productId: 'sku-1', price: 3, currency: 'EUR' });
    // (Props are read by name, so inherited values are read too: garbage in, garbage out.)
    expect(events.map((event) => [event.event_type, event.product_id])).toEqual([
      ['PAGE_VIEW', undefined],
      ['CART_ADD', 'sku-1'],
    ]);
    expect(problems).toEqual([]);
  });
});
