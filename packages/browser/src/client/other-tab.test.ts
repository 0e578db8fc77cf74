import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { type Collector, startCollector } from '../../test/start-collector.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
});
afterEach(async () => {
  vi.useRealTimers();
  await collector.close();
});

// Another tab of the shop is simulated the way the browser shows it to this one: its writes land
// in the shared localStorage, and this tab gets a `storage` event for each, in order.
function otherTab(changes: [key: string, value: string | null][]) {
  for (const [key, value] of changes) {
    const oldValue = localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    window.dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue: value }));
  }
}

describe('identity shared with the other tabs of the shop', () => {
  it("takes over another tab's logout; calls made before it keep the ids they were made with", async () => {
    const { client, events } = startHarness({
      consent: 'granted', // stored in localStorage, as the other tabs see it
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
      recordDelayMs: 1000, // the call before the logout is still waiting to be built
    });
    client.identify('cust-1');
    client.trackPageView();
    await client.flush(); // the session in use, stored for the tabs
    // The shopper comes back to this tab a little later: its next build stores the session again.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6000);
    client.trackCartAdd({ productId: 'sku-1' });
    // The other tab's `reset()`: the session ended, the user id removed, a new anonymous id.
    otherTab([
      ['shoptel.session', null],
      ['shoptel.uid', null],
      ['shoptel.aid', 'aid-of-the-other-tab'],
    ]);
    vi.setSystemTime(Date.now() + 1); // the (frozen) clock moves on
    client.trackCartAdd({ productId: 'sku-2' });
    await client.flush();
    vi.useRealTimers();
    const [view, before, after] = events;
    expect(before!.session_id).toBe(view!.session_id);
    expect([before!.user_id, after!.user_id]).toEqual(['cust-1', undefined]);
    expect(before!.anonymous_id).not.toBe('aid-of-the-other-tab');
    expect(after!.anonymous_id).toBe('aid-of-the-other-tab');
    expect(after!.session_id).not.toBe(before!.session_id);
    // The call made before kept the old session, but never stored it again for the tabs to go on with.
    expect(localStorage.getItem('shoptel.session')).toContain(after!.session_id);
    await client.shutdown();
  });

  it("takes over another tab's identify", async () => {
    const { client, events } = startHarness({
      consent: 'granted',
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
    });
    otherTab([['shoptel.uid', 'cust-2']]);
    client.trackCartAdd({ productId: 'sku-1' });
    expect(events.map((event) => event.user_id)).toEqual(['cust-2']);
    await client.shutdown();
  });
});
