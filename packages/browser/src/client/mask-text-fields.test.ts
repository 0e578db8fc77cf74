import { describe, expect, it } from 'vitest';
import { only, startHarness } from '../../test/capture-harness.js';

describe('emails outside URLs', () => {
  it('are masked in the title and the search query, as in URLs', () => {
    document.title = 'Orders of jane.doe@mail.example';
    history.replaceState(null, '', '/search?q=jane.doe%40mail.example');
    const { client, events } = startHarness({ autoCapture: only('pageViews', 'search') });
    client.trackSearch({ query: 'order for bob@shop.example' });
    client.trackPageView({ title: 'Hi bob@shop.example' });
    expect(events.map((e) => [e.event_type, e.title, e.search_query])).toEqual([
      ['PAGE_VIEW', 'Orders of [email]', undefined],
      ['SEARCH', 'Orders of [email]', '[email]'],
      ['SEARCH', 'Orders of [email]', 'order for [email]'],
      ['PAGE_VIEW', 'Hi [email]', undefined],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/jane|bob@/);
  });
});
