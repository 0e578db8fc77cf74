import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';

describe('SPA page views', () => {
  it('counts the load and one view per pathname change through pushState, replaceState and popstate', async () => {
    const { events } = startHarness({ autoCapture: only('pageViews') });
    history.pushState({}, '', '/products');
    history.pushState({}, '', '/products'); // same path again: no view
    history.replaceState({}, '', '/products/sku-1');
    history.pushState({}, '', '/cart');
    history.back();
    await settle(50);
    expect(events.map((event) => event.page)).toEqual([
      '/',
      '/products',
      '/products/sku-1',
      '/cart',
      '/products/sku-1',
    ]);
    expect(new Set(events.map((event) => event.event_type))).toEqual(new Set(['PAGE_VIEW']));
    expect(events.every((event) => event.source === 'auto')).toBe(true);
  });

  it('ignores in-page anchors but counts hash routes', async () => {
    const { events } = startHarness({ autoCapture: only('pageViews') });
    location.hash = '#reviews';
    await settle();
    location.hash = '#/checkout';
    await settle();
    history.pushState({}, '', '/#/checkout'); // the same route again
    expect(events.map((event) => event.url)).toEqual(['http://127.0.0.1/', 'http://127.0.0.1/#/checkout']);
  });

  it('counts query changes only when asked to', async () => {
    const plain = startHarness({ autoCapture: only('pageViews') });
    history.pushState({}, '', '/search?q=a');
    history.pushState({}, '', '/search?q=b');
    expect(plain.events).toHaveLength(2);
    await plain.client.shutdown();
    const withQuery = startHarness({ autoCapture: only('pageViews'), trackQueryChanges: true });
    history.pushState({}, '', '/search?q=c');
    expect(withQuery.events.map((event) => event.url)).toEqual([
      'http://127.0.0.1/search?q=b',
      'http://127.0.0.1/search?q=c',
    ]);
  });

  it('wraps a router’s own pushState on the instance, once, and unwraps on shutdown', async () => {
    const prototypePush = History.prototype.pushState;
    const ownCalls: string[] = [];
    // A router that installed its own pushState on the instance (some do, to observe navigation).
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      ownCalls.push(String(args[2]));
      return prototypePush.apply(this, args);
    };
    const { client, events } = startHarness({ autoCapture: only('pageViews') });
    history.pushState({}, '', '/a');
    expect(ownCalls).toEqual(['/a']);
    expect(events.map((event) => event.page)).toEqual(['/', '/a']);
    await client.shutdown();
    expect(History.prototype.pushState).toBe(prototypePush);
    history.pushState({}, '', '/b');
    expect(events).toHaveLength(2);
    delete (history as { pushState?: unknown }).pushState;
  });

  it('keeps working for the host when a capture fails', () => {
    const { problems } = startHarness({
      autoCapture: only('pageViews'),
      beforeSend: () => {
        throw new Error('host bug');
      },
    });
    expect(() => history.pushState({}, '', '/x')).not.toThrow();
    expect(location.pathname).toBe('/x');
    expect(problems.map((problem) => problem.reason)).toContain('before_send_failed');
  });
});
