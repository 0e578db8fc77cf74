import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';
import { TITLE_WAIT_MS } from './create-held-view.js';

/** After an SPA navigation the view waits (at most this long) for the app to set the title. */
const titleWait = () => settle(TITLE_WAIT_MS + 30);

describe('SPA page views', () => {
  it('counts the load and one view per pathname change through pushState, replaceState and popstate', async () => {
    const { events } = startHarness({ autoCapture: only('pageViews') });
    history.pushState({}, '', '/products');
    history.pushState({}, '', '/products'); // same path again: no view
    history.replaceState({}, '', '/products/sku-1');
    history.pushState({}, '', '/cart');
    history.back();
    await titleWait();
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
    await titleWait();
    expect(events.map((event) => event.url)).toEqual(['http://127.0.0.1/', 'http://127.0.0.1/#/checkout']);
  });

  it('counts query changes only when asked to', async () => {
    const plain = startHarness({ autoCapture: only('pageViews') });
    history.pushState({}, '', '/search?q=a');
    history.pushState({}, '', '/search?q=b');
    await titleWait();
    expect(plain.events).toHaveLength(2);
    await plain.client.shutdown();
    const withQuery = startHarness({ autoCapture: only('pageViews'), trackQueryChanges: true });
    history.pushState({}, '', '/search?q=c');
    await titleWait();
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
    await titleWait();
    expect(events.map((event) => event.page)).toEqual(['/', '/a']);
    await client.shutdown();
    expect(History.prototype.pushState).toBe(prototypePush);
    history.pushState({}, '', '/b');
    await titleWait();
    expect(events).toHaveLength(2);
    delete (history as { pushState?: unknown }).pushState;
  });

  it("carries the title the app sets shortly after pushState, with the navigation's time and URL", async () => {
    document.title = 'Home';
    const { client, events } = startHarness({ autoCapture: only('pageViews') });
    const navigatedAt = Date.now();
    history.pushState({}, '', '/products/sku-1');
    // A router sets the title a frame later (react-helmet uses requestAnimationFrame).
    await new Promise((resolve) => requestAnimationFrame(resolve));
    document.title = 'Blue mug';
    await settle(5);
    expect(events.map((event) => [event.page, event.title])).toEqual([
      ['/', 'Home'],
      ['/products/sku-1', 'Blue mug'],
    ]);
    expect(Date.parse(events[1]!.event_time)).toBeLessThanOrEqual(navigatedAt + 5);

    // No title change: the view goes after the bound with the title as it is.
    history.pushState({}, '', '/cart');
    await settle(TITLE_WAIT_MS / 2);
    expect(events).toHaveLength(2);
    await titleWait();
    expect(events.map((event) => [event.page, event.title])).toEqual([
      ['/', 'Home'],
      ['/products/sku-1', 'Blue mug'],
      ['/cart', 'Blue mug'],
    ]);

    // Anything tracked meanwhile sends the held view first: events stay in order.
    history.pushState({}, '', '/checkout');
    client.trackSearch({ query: 'tea' });
    expect(events.slice(3).map((event) => [event.event_type, event.page])).toEqual([
      ['PAGE_VIEW', '/checkout'],
      ['SEARCH', '/checkout'],
    ]);
    // And a quick second navigation sends the first with its own URL.
    history.pushState({}, '', '/a');
    history.pushState({}, '', '/b');
    await titleWait();
    expect(events.slice(5).map((event) => event.url)).toEqual(['http://127.0.0.1/a', 'http://127.0.0.1/b']);
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
