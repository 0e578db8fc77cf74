import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BehaviorRecord } from './events/behavior-record.js';

const host = window as unknown as { shoptel?: unknown; shoptelConfig?: unknown };

afterEach(async () => {
  const client = host.shoptel as { shutdown?: () => Promise<void> } | undefined;
  await client?.shutdown?.();
  host.shoptel = undefined;
  host.shoptelConfig = undefined;
  document.head.innerHTML = '';
  localStorage.clear();
  vi.restoreAllMocks();
});

/** Loads the script-tag entry as a fresh copy, as a second <script> would. */
async function loadScript() {
  vi.resetModules();
  await import('./global.js');
}

describe('script tag', () => {
  it('replays the stub’s calls in order with the time each was made, then keeps push working', async () => {
    const events: BehaviorRecord[] = [];
    host.shoptelConfig = {
      consent: 'pending',
      autoCapture: false,
      beforeSend: (event: BehaviorRecord) => {
        events.push(event);
        return event;
      },
    };
    const early = Date.parse('2026-01-02T03:04:05.000Z');
    host.shoptel = [
      ['identify', 'user-9'],
      [early, 'trackCartAdd', { productId: 'sku-1', price: 2, currency: 'EUR' }],
      ['trackSearch', { query: 'tea' }],
      ['noSuchMethod'],
    ];
    await loadScript();
    const shoptel = host.shoptel as { push(call: unknown[]): void; loaded: boolean; flush(): Promise<void> };
    expect(shoptel.loaded).toBe(true);
    shoptel.push(['trackCartRemove', { productId: 'sku-1' }]);
    await shoptel.flush(); // the calls' events are built within a second; flush builds them now
    expect(events.map((e) => [e.event_type, e.user_id])).toEqual([
      ['CART_ADD', 'user-9'],
      ['SEARCH', 'user-9'],
      ['CART_REMOVE', 'user-9'],
    ]);
    expect(events[0]!.event_time).toBe('2026-01-02T03:04:05.000Z');
    expect(Date.parse(events[1]!.event_time)).toBeGreaterThan(early);
  });

  it('replays the stub’s identify and setConsent before the load’s page view, the track calls after it', async () => {
    const events: BehaviorRecord[] = [];
    const pageViewsOnly = {
      pageViews: true,
      productViews: false,
      search: false,
      cart: false,
      checkout: false,
      dataLayer: false,
    };
    host.shoptelConfig = {
      consent: 'pending',
      autoCapture: pageViewsOnly,
      beforeSend: (event: BehaviorRecord) => {
        events.push(event);
        return event;
      },
    };
    const early = Date.parse('2026-01-02T03:04:05.000Z');
    host.shoptel = [
      [early, 'trackCartAdd', { productId: 'sku-1' }],
      ['identify', 'user-9'],
    ];
    await loadScript();
    await (host.shoptel as { flush(): Promise<void> }).flush();
    expect(events.map((e) => [e.event_type, e.user_id])).toEqual([
      ['PAGE_VIEW', 'user-9'],
      ['CART_ADD', 'user-9'],
    ]);
    expect(events[1]!.event_time).toBe('2026-01-02T03:04:05.000Z');
    await (host.shoptel as { shutdown(): Promise<void> }).shutdown();
    // A consent withdrawn before the tag loaded: not even the load's page view is made.
    events.length = 0;
    host.shoptel = [['setConsent', 'denied']];
    await loadScript();
    expect(events).toEqual([]);
  });

  it('reads data-* options from its own script tag, which win over window.shoptelConfig', async () => {
    const script = document.createElement('script');
    script.dataset.consent = 'pending';
    script.dataset.autoCapture = 'pageViews';
    script.dataset.endpoint = '/collect';
    document.head.append(script);
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
    const events: BehaviorRecord[] = [];
    host.shoptelConfig = {
      consent: 'granted',
      beforeSend: (event: BehaviorRecord) => {
        events.push(event);
        return event;
      },
    };
    try {
      await loadScript();
    } finally {
      delete (document as { currentScript?: unknown }).currentScript;
    }
    await (host.shoptel as { flush(): Promise<void> }).flush();
    // pageViews only: the load’s page view and nothing else.
    expect(events.map((event) => event.event_type)).toEqual(['PAGE_VIEW']);
    expect(Object.keys(localStorage)).toEqual([]); // consent pending from the tag
  });

  it('a second copy only warns', async () => {
    host.shoptelConfig = { consent: 'pending', autoCapture: false };
    await loadScript();
    const first = host.shoptel;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadScript();
    expect(host.shoptel).toBe(first);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('loaded twice'));
  });
});
