import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { only, startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
  // Same origin as the page, as the relay is by default.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
});
afterEach(() => collector.close());

const start = (options = {}) =>
  startHarness({ consent: 'granted', endpoint: `${collector.url}/shoptel`, autoCapture: false, ...options });
const addToCart = (client: ReturnType<typeof start>['client'], n: number) => {
  for (let i = 0; i < n; i++)
    client.trackCartAdd({ productId: `sku-${i}`, price: 1, quantity: 1, currency: 'EUR' });
};

describe('delivery', () => {
  it('sends batches of 30 as NDJSON text/plain, the rest after the interval', async () => {
    const { client } = start({ flushIntervalMs: 300 });
    addToCart(client, 65);
    await eventually(() => expect(collector.accepted()).toHaveLength(60));
    expect(collector.requests.map((r) => r.events.length)).toEqual([30, 30]);
    expect(collector.requests[0]!.contentType).toMatch(/^text\/plain/);
    await eventually(() => expect(collector.accepted()).toHaveLength(65));
    expect(collector.accepted().map((e) => e.product_id)).toEqual(
      Array.from({ length: 65 }, (_, i) => `sku-${i}`),
    );
  });

  it('keeps a batch within maxBatchBytes', async () => {
    const { client } = start({ maxBatchBytes: 2048, flushIntervalMs: 100 });
    addToCart(client, 12);
    await eventually(() => expect(collector.accepted()).toHaveLength(12));
    expect(collector.requests.length).toBeGreaterThan(2);
  });

  it('sends only full batches when one fills; the event that did not fit waits instead of going alone', async () => {
    const { client } = start({ maxBatchBytes: 2048, flushIntervalMs: 60_000 });
    // Events are a few hundred bytes: the byte bound fills before the count does.
    for (let i = 0; i < 40 && collector.requests.length === 0; i++) {
      addToCart(client, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await eventually(() => expect(collector.requests).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(collector.requests).toHaveLength(1); // no one-event request for the leftover
    const first = collector.requests[0]!.events.length;
    expect(first).toBeGreaterThan(1);
    await client.flush();
    await eventually(() => expect(collector.accepted().length).toBeGreaterThan(first));
    expect(collector.requests).toHaveLength(2);
  });

  it('sends checkout and purchase at once with what waits before them', async () => {
    const { client } = start({ flushIntervalMs: 60_000 });
    addToCart(client, 2);
    client.trackPurchase({ orderId: 'o-1', totalAmount: 2, currency: 'EUR' });
    await eventually(() =>
      expect(collector.accepted().map((e) => e.event_type)).toEqual(['CART_ADD', 'CART_ADD', 'PURCHASE']),
    );
  });

  it('retries 503 and 429 (honouring Retry-After), keeps order, and resets after success', async () => {
    collector.answers = [503, [429, 'retry-after: 1']];
    const { client } = start({ flushIntervalMs: 60_000 });
    addToCart(client, 3);
    const started = Date.now();
    await client.flush();
    await eventually(() => expect(collector.accepted()).toHaveLength(3), 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(collector.requests.map((r) => r.status)).toEqual([503, 429, 202]);
    expect(collector.accepted().map((e) => e.product_id)).toEqual(['sku-0', 'sku-1', 'sku-2']);
  });

  it('splits a batch the relay finds too large (413) and drops one it refuses (400), reporting it', async () => {
    collector.answers = [413];
    const { client, problems } = start({ flushIntervalMs: 60_000 });
    addToCart(client, 4);
    await client.flush();
    await eventually(() => expect(collector.accepted()).toHaveLength(4));
    expect(collector.requests.map((r) => r.events.length)).toEqual([4, 2, 2]);
    collector.answers = [400];
    addToCart(client, 1);
    await client.flush();
    await eventually(() =>
      expect(problems.map((p) => [p.reason, p.count])).toEqual([['dropped_by_status', 1]]),
    );
  });

  it('waits while offline and sends on `online`', async () => {
    const nav = navigator as { onLine: boolean };
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    let online = false;
    const { client } = start({ flushIntervalMs: 50 });
    addToCart(client, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(collector.requests).toEqual([]);
    online = true;
    window.dispatchEvent(new Event('online'));
    await eventually(() => expect(collector.accepted()).toHaveLength(2));
    expect(nav.onLine).toBe(true);
    delete (navigator as { onLine?: boolean }).onLine;
  });

  it('beacons what waits when the page is hidden, in chunks of at most maxBatchBytes', async () => {
    const { client } = start({ flushIntervalMs: 60_000, maxBatchBytes: 4096 });
    addToCart(client, 40);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: string }).visibilityState;
    await eventually(() => expect(collector.accepted()).toHaveLength(40));
    expect(collector.requests.length).toBeGreaterThan(1);
    expect(new Set(collector.accepted().map((e) => e.event_id)).size).toBe(40);
    // Sent by beacon: nothing is left to resend on the next page.
    expect(Object.keys(localStorage).filter((key) => key.startsWith('shoptel.q.'))).toEqual([]);
    await client.flush();
    expect(collector.accepted()).toHaveLength(40);
  });

  it('splits a refused beacon in halves and keeps the one event that never fits', async () => {
    const sent: number[] = [];
    const original = navigator.sendBeacon;
    navigator.sendBeacon = (url, body) => {
      // A browser whose keepalive budget is almost used up (other scripts' beacons): ≤ 3 events.
      const lines = String(body).split('\n').length;
      if (lines > 3 || String(body).includes('sku-big')) return false;
      sent.push(lines);
      return original.call(navigator, url, body);
    };
    try {
      const { client } = start({ flushIntervalMs: 60_000, autoCapture: only() });
      addToCart(client, 8);
      client.trackCartAdd({ productId: 'sku-big', price: 1 });
      window.dispatchEvent(new Event('pagehide'));
      await eventually(() => expect(collector.accepted()).toHaveLength(8));
      // 9 → 4 + 5; 4 → 2 + 2; 5 → 2 + 3; 3 → 1 + 2; 2 → 1 + (sku-big, refused alone).
      expect(sent).toEqual([2, 2, 2, 1, 1]);
      const kept = Object.keys(localStorage).filter((key) => key.startsWith('shoptel.q.'));
      expect(kept.map((key) => JSON.parse(localStorage.getItem(key)!).product_id)).toEqual(['sku-big']);
    } finally {
      navigator.sendBeacon = original;
    }
  });
});
