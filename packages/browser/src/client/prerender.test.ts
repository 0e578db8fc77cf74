import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';
import { STORE_DELAY_MS } from '../queue/create-persisted-queue.js';

// Chromium refuses to prerender while a DevTools client is attached (Playwright is one: the
// prerender ends with `PrerenderingDisabledByDevTools`), so this runs in happy-dom, with the
// two things a prerendered page sees set by hand: `document.prerendering`, then the
// `prerenderingchange` event when the shopper opens the page. Requests go to a real local sink.
let collector: Collector;
let beacons: number;
let beacon: Navigator['sendBeacon'];
const setPrerendering = (value: boolean) =>
  Object.defineProperty(document, 'prerendering', { configurable: true, get: () => value });

beforeEach(async () => {
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${collector.url}/products/tea`,
  );
  beacons = 0;
  beacon = navigator.sendBeacon;
  navigator.sendBeacon = () => {
    beacons++;
    return false;
  };
});
afterEach(async () => {
  navigator.sendBeacon = beacon;
  Reflect.deleteProperty(document, 'prerendering');
  await collector.close();
});

const shoptelKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('shoptel.'));

describe('a page prerendered before the shopper opens it', () => {
  it('stores and sends nothing, and captures nothing, until it is shown; then all of it, in order', async () => {
    setPrerendering(true);
    const { client, events } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      consent: 'granted',
      autoCapture: only('pageViews'),
      flushIntervalMs: 50,
    });
    client.trackCartAdd({ productId: 'sku-1', price: 3, currency: 'EUR' }); // the app, while prerendered
    window.dispatchEvent(new Event('pagehide')); // page exit of a prerender that is never shown
    await settle(STORE_DELAY_MS + 200);
    expect(events.map((event) => event.event_type)).toEqual(['CART_ADD']); // built, in memory only
    expect(collector.requests).toEqual([]);
    expect(beacons).toBe(0);
    expect(shoptelKeys()).toEqual([]);

    setPrerendering(false);
    document.dispatchEvent(new Event('prerenderingchange'));
    await eventually(() =>
      expect(collector.accepted().map((event) => event.event_type)).toEqual(['CART_ADD', 'PAGE_VIEW']),
    );
    const [cartAdd, pageView] = collector.accepted();
    expect(pageView!.page).toBe('/products/tea');
    expect(pageView!.anonymous_id).toBe(cartAdd!.anonymous_id);
    expect(shoptelKeys()).toContain('shoptel.aid'); // the shopper's id is stored once the page is seen
  });

  it('keeps a consent the page set while prerendered', async () => {
    setPrerendering(true);
    const { client } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      consent: 'granted',
      autoCapture: only('pageViews'),
      flushIntervalMs: 50,
    });
    client.setConsent('denied'); // the CMP, from the shopper's stored choice
    setPrerendering(false);
    document.dispatchEvent(new Event('prerenderingchange'));
    client.trackCartAdd({ productId: 'sku-1' });
    await settle(300);
    expect(collector.requests).toEqual([]);
    expect(shoptelKeys()).toEqual([]);
  });

  it('is not held when the page is not prerendered', async () => {
    const { client, events } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      consent: 'granted',
      autoCapture: only('pageViews'),
    });
    expect(events.map((event) => event.event_type)).toEqual(['PAGE_VIEW']);
    await client.shutdown();
    expect(collector.accepted().map((event) => event.event_type)).toEqual(['PAGE_VIEW']);
  });
});
