// @vitest-environment node
// A server render (Next.js, Nuxt) runs the storefront's modules in plain Node: no window, no
// document. This file runs in vitest's node environment for that reason.
import { afterEach, describe, expect, it } from 'vitest';
import { init as initDirect } from '../direct/index.js';
import { startTracing } from '../tracing/start-tracing.js';
import { init } from './init.js';

const problems: unknown[] = [];
afterEach(() => {
  problems.length = 0;
});

describe('a server render', () => {
  it('has no window, as Node has none', () => {
    expect(typeof window).toBe('undefined');
  });

  it('init returns a client whose methods do nothing and never throw', async () => {
    const shoptel = init({ currency: 'EUR', consent: 'pending', onError: (p) => problems.push(p) });
    shoptel.trackPageView();
    shoptel.trackProductView({ productId: 'sku-1', price: 12.5 });
    shoptel.trackSearch({ query: 'mug' });
    shoptel.trackCartAdd({ productId: 'sku-1', quantity: 1 });
    shoptel.trackCartRemove({ productId: 'sku-1' });
    shoptel.trackCheckout({ totalAmount: 12.5 });
    shoptel.trackPurchase({ orderId: 'o-1', totalAmount: 12.5 });
    shoptel.identify('u-1');
    shoptel.reset();
    shoptel.setConsent('granted');
    await expect(shoptel.flush()).resolves.toBeUndefined();
    await expect(shoptel.shutdown()).resolves.toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('init with the default path endpoint does not fail for want of a page URL', () => {
    expect(() => init()).not.toThrow();
    expect(() => init({ endpoint: '/api/shoptel' })).not.toThrow();
  });

  it('init still throws for an invalid option, naming it, as in the browser', () => {
    expect(() => init({ consent: 'yes' as never })).toThrow('shoptel: consent is invalid');
    expect(() => init({ maxBatchEvents: 0 })).toThrow('shoptel: maxBatchEvents is invalid');
  });

  it('the direct entry checks its target and returns a client that does nothing', async () => {
    const shoptel = initDirect({ openobserve: { url: 'https://o2.shop.example', token: 'o2oi_x' } });
    shoptel.trackPageView();
    await expect(shoptel.shutdown()).resolves.toBeUndefined();
    expect(() => initDirect({ openobserve: { url: 'ftp://x', token: 't' } })).toThrow(
      'shoptel: openobserve.url is invalid',
    );
  });

  it('startTracing starts nothing and leaves the server fetch as it was', async () => {
    const fetchBefore = globalThis.fetch;
    const tracing = startTracing();
    expect(globalThis.fetch).toBe(fetchBefore);
    const span = tracing.tracer.startSpan('render');
    expect(span.isRecording()).toBe(false);
    span.end();
    await expect(tracing.flush()).resolves.toBeUndefined();
    await expect(tracing.stop()).resolves.toBeUndefined();
  });
});
