import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';
import { STORE_DELAY_MS } from '../queue/create-persisted-queue.js';

let collector: Collector;
let written: string[];
let setItem: Storage['setItem'];
let beacon: Navigator['sendBeacon'];
beforeEach(async () => {
  beacon = navigator.sendBeacon;
  // The browser refuses beacons: page exit sends in a request that may not finish before it.
  navigator.sendBeacon = () => false;
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
  // Every key written to localStorage, in order: the events' segments are `shoptel.q.*`.
  written = [];
  setItem = localStorage.setItem;
  localStorage.setItem = (key: string, value: string) => {
    written.push(key);
    setItem.call(localStorage, key, value);
  };
});
afterEach(async () => {
  navigator.sendBeacon = beacon;
  localStorage.setItem = setItem;
  await collector.close();
});

const stored = () => Object.keys(localStorage).filter((key) => key.startsWith('shoptel.q.'));
const cart = (productId: string) => ({ productId, price: 3, currency: 'EUR' });
const start = (options = {}) =>
  startHarness({ endpoint: `${collector.url}/shoptel`, autoCapture: false, consent: 'granted', ...options });

describe('events stored when not delivered within the store delay', () => {
  it('an event delivered within the delay never touches localStorage', async () => {
    const { client } = start({ flushIntervalMs: 50 });
    client.trackCartAdd(cart('sku-1'));
    client.trackCartAdd(cart('sku-2'));
    await eventually(() => expect(collector.accepted()).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, STORE_DELAY_MS + 100));
    expect(written.filter((key) => key.startsWith('shoptel.q.'))).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('an event the relay has not taken within the delay is stored, and forgotten once delivered', async () => {
    collector.answers.push([503, `retry-after: ${(STORE_DELAY_MS + 1000) / 1000}`]);
    const { client } = start({ flushIntervalMs: 50 });
    client.trackCartAdd(cart('sku-1'));
    await eventually(() => expect(stored()).toHaveLength(1), STORE_DELAY_MS + 2000);
    await eventually(() => expect(collector.accepted()).toHaveLength(1), 15_000);
    await eventually(() => expect(stored()).toEqual([]));
  });

  it('a page that is hidden stores what is not delivered at once, and what it builds later', async () => {
    const { client } = start({ flushIntervalMs: 60_000 });
    client.trackCartAdd(cart('sku-1'));
    expect(stored()).toEqual([]);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      // The request it sends is out, not answered: the event stays stored until it is.
      expect(stored()).toHaveLength(1);
      // Built at once, and stored when the task ends: no timer may run again.
      for (const id of ['sku-2', 'sku-3', 'sku-4']) client.trackCartAdd(cart(id));
      await Promise.resolve();
      expect(stored()).toHaveLength(2); // the task's three calls in one write
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
      delete (document as { hidden?: boolean }).hidden;
    }
    await client.flush();
    await eventually(() => expect(stored()).toEqual([]));
    expect(collector.accepted().map((event) => event.product_id)).toEqual([
      'sku-1',
      'sku-2',
      'sku-3',
      'sku-4',
    ]);
  });

  it('page exit stores what is not delivered, for the next page to send', async () => {
    const { client } = start({ flushIntervalMs: 60_000, recordDelayMs: 60_000 });
    client.trackCartAdd(cart('sku-1'));
    dispatchEvent(new Event('pagehide'));
    const [key] = stored();
    expect(JSON.parse(localStorage.getItem(key!)!).product_id).toBe('sku-1');
    await client.flush();
  });
});
