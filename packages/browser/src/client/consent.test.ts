import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
});
afterEach(() => collector.close());

const shoptelKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('shoptel.'));
const start = (options = {}) =>
  startHarness({ endpoint: `${collector.url}/shoptel`, autoCapture: false, flushIntervalMs: 50, ...options });

describe('consent', () => {
  it('pending keeps events in memory only; granted persists and sends them', async () => {
    const { client } = start({ consent: 'pending' });
    client.trackPageView();
    client.trackCartAdd({ productId: 'sku-1', price: 3, currency: 'EUR' });
    await client.flush();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(collector.requests).toEqual([]);
    expect(shoptelKeys()).toEqual([]);
    client.setConsent('granted');
    await eventually(() =>
      expect(collector.accepted().map((e) => e.event_type)).toEqual(['PAGE_VIEW', 'CART_ADD']),
    );
    expect(shoptelKeys()).toContain('shoptel.aid');
  });

  it('denied clears the queue and storage and drops later calls', async () => {
    const { client } = start({ consent: 'granted', flushIntervalMs: 60_000 });
    client.identify('user-1');
    client.trackPageView();
    expect(shoptelKeys().length).toBeGreaterThan(2);
    client.setConsent('denied');
    expect(shoptelKeys()).toEqual([]);
    client.trackCartAdd({ productId: 'sku-1' });
    await client.flush();
    expect(collector.requests).toEqual([]);
  });

  it('denied then granted again starts a new identity, which is stored for the next pages', async () => {
    const { client } = start({ consent: 'granted' });
    client.identify('user-1');
    client.trackPageView();
    await eventually(() => expect(collector.accepted()).toHaveLength(1));
    const before = collector.accepted()[0]!;
    client.setConsent('denied');
    client.setConsent('granted');
    client.trackCartAdd({ productId: 'sku-1' });
    await eventually(() => expect(collector.accepted()).toHaveLength(2));
    const after = collector.accepted()[1]!;
    // The ids used before the shopper withdrew consent are not carried past it.
    expect(after.anonymous_id).not.toBe(before.anonymous_id);
    expect(after.user_id).toBeUndefined();
    // The next page load continues with the id the events now carry.
    expect(localStorage.getItem('shoptel.aid')).toBe(after.anonymous_id);
  });

  it('an unknown consent state (a CMP boolean, a typo) is reported and changes nothing', async () => {
    const { client, problems } = start({ consent: 'granted' });
    client.setConsent(true as never);
    client.setConsent('accepted' as never);
    client.trackPageView();
    await eventually(() => expect(collector.accepted().map((e) => e.event_type)).toEqual(['PAGE_VIEW']));
    expect(problems.map((problem) => problem.reason)).toEqual(['invalid_event', 'invalid_event']);
  });

  it('respectDoNotTrack silences everything when the browser asks', async () => {
    Object.defineProperty(navigator, 'doNotTrack', { configurable: true, get: () => '1' });
    try {
      const { client, events } = start({ consent: 'granted', respectDoNotTrack: true });
      client.trackPageView();
      client.setConsent('granted');
      client.trackPageView();
      await client.flush();
      expect(events).toEqual([]);
      expect(collector.requests).toEqual([]);
      expect(shoptelKeys()).toEqual([]);
    } finally {
      delete (navigator as { doNotTrack?: string }).doNotTrack;
    }
  });
});
