import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';
import { TITLE_WAIT_MS } from './create-held-view.js';

describe('search capture', () => {
  it('reads the configured URL parameters, trimmed', () => {
    history.replaceState(null, '', '/results?page=2&query=%20red%20shoes%20');
    const { events } = startHarness({ autoCapture: only('search') });
    expect(events.map((event) => [event.event_type, event.search_query])).toEqual([['SEARCH', 'red shoes']]);
  });

  it('reads the query of a hash route (#/search?q=) too, on load and after a hash navigation', async () => {
    history.replaceState(null, '', '/#/search?q=mug');
    const { events } = startHarness({ autoCapture: only('search') });
    location.hash = '#/search?term=x&query=lamp';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle(TITLE_WAIT_MS + 30); // an SPA navigation's URL events wait for the app's title
    expect(events.map((event) => [event.event_type, event.search_query])).toEqual([
      ['SEARCH', 'mug'],
      ['SEARCH', 'lamp'],
    ]);
  });

  it('uses custom parameters instead of the defaults', () => {
    history.replaceState(null, '', '/results?q=ignored&term=lamp');
    const { events } = startHarness({ autoCapture: only('search'), searchParams: ['term'] });
    expect(events.map((event) => event.search_query)).toEqual(['lamp']);
  });

  it('reads only the query field of a form[role=search], and counts the results URL that follows once', () => {
    document.body.innerHTML = `
      <form role="search" action="/search">
        <input type="hidden" name="csrf" value="secret-token">
        <input type="email" name="email" value="a@b.example">
        <input type="search" name="q" value=" green tea ">
      </form>`;
    const { events } = startHarness({ autoCapture: only('search') });
    const form = document.querySelector('form')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    history.pushState({}, '', '/search?q=green+tea'); // the page the form leads to
    const line = JSON.stringify(events);
    expect(events.map((event) => event.search_query)).toEqual(['green tea']);
    expect(line).not.toContain('secret-token');
    expect(line).not.toContain('a@b.example');
  });

  it('ignores other forms', () => {
    document.body.innerHTML = '<form><input type="search" name="q" value="x"></form>';
    const { events } = startHarness({ autoCapture: only('search') });
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    expect(events).toEqual([]);
  });
});
