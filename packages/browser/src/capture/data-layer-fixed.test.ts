import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';
import { FIXED_LAYER_CHECK_MS } from './watch-data-layer.js';

// Its own file: the property made here cannot be deleted, and would leak into other tests.
const host = window as unknown as { dataLayer: unknown[] };
const search = (term: string) => ({ event: 'search', search_term: term });

describe('a dataLayer fixed by a `var dataLayer` in an earlier script', () => {
  it('is still read when the site replaces it: found each second and at page exit', async () => {
    // What `var dataLayer = [...]` in a classic script makes: a property that cannot be redefined.
    Object.defineProperty(window, 'dataLayer', {
      value: [search('first')],
      writable: true,
      enumerable: true,
      configurable: false,
    });
    const { client, events } = startHarness({ autoCapture: only('dataLayer') });
    host.dataLayer.push(search('pushed'));
    host.dataLayer = [search('in the new array')]; // no accessor could see this
    host.dataLayer.push(search('pushed to it'));
    await settle(FIXED_LAYER_CHECK_MS + 100);
    expect(events.map((event) => event.search_query)).toEqual([
      'first',
      'pushed',
      'in the new array',
      'pushed to it',
    ]);
    host.dataLayer.push(search('after the look, through the wrapped push'));
    expect(events).toHaveLength(5);

    // Replaced again just before the shopper leaves: read at page exit, before the next look.
    host.dataLayer = [search('before exit')];
    window.dispatchEvent(new Event('pagehide'));
    expect(events.map((event) => event.search_query).slice(5)).toEqual(['before exit']);

    await client.shutdown();
    host.dataLayer = [search('after shutdown')];
    await settle(FIXED_LAYER_CHECK_MS + 100);
    expect(events).toHaveLength(6);
  });
});
