import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';

const host = window as unknown as { dataLayer?: unknown[] };

afterEach(() => vi.restoreAllMocks());

describe('init called twice', () => {
  it('returns the running client and doubles no automatic capture', async () => {
    document.body.innerHTML = '<button data-shoptel-cart-add="sku-1">Add</button>';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = startHarness();
    const second = startHarness(); // a second init, as an app's module run twice would make
    document.querySelector('button')!.click();
    host.dataLayer!.push({ event: 'search', search_term: 'tea' });
    history.pushState({}, '', '/next');
    await first.client.flush();
    const all = [...first.events, ...second.events].map((event) => [event.event_type, event.page]);
    expect(all).toEqual([
      ['PAGE_VIEW', '/'],
      ['CART_ADD', '/'],
      ['SEARCH', '/'],
      ['PAGE_VIEW', '/next'],
    ]);
    expect(second.client).toBe(first.client);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('init() called again'));
  });

  it('starts a new client after shutdown', async () => {
    const first = startHarness({ autoCapture: false });
    await first.client.shutdown();
    const second = startHarness({ autoCapture: false });
    expect(second.client).not.toBe(first.client);
    second.client.trackPageView();
    expect(second.events).toHaveLength(1);
  });
});
