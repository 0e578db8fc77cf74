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

describe('a search query', () => {
  it('is trimmed, and one of spaces alone is refused as invalid_event rather than stored', () => {
    const { client, events, problems } = startHarness({ autoCapture: false });
    client.trackSearch({ query: '  blue mug ' });
    client.trackSearch({ query: '   ' });
    expect(events.map((e) => e.search_query)).toEqual(['blue mug']);
    expect(problems).toEqual([{ reason: 'invalid_event', count: 1, message: 'SEARCH needs query' }]);
  });
});
