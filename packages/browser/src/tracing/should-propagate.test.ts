import { describe, expect, it } from 'vitest';
import { shouldPropagate } from './should-propagate.js';

// happy-dom's page is http://127.0.0.1/ (vitest.config.ts).
describe('which requests may carry traceparent', () => {
  it('allows the page origin and propagateTo prefixes', () => {
    expect(shouldPropagate('/api/cart', [])).toBe(true);
    expect(shouldPropagate('https://api.shop.example/orders', ['https://api.shop.example'])).toBe(true);
    expect(shouldPropagate('https://api.shop.example', ['https://api.shop.example'])).toBe(true);
    expect(shouldPropagate('https://api.shop.example/v2/x', ['https://api.shop.example/v2'])).toBe(true);
    expect(shouldPropagate('https://cdn.example/x', [/^https:\/\/cdn\.example\//])).toBe(true);
  });

  it('does not take an origin written without its slash as a prefix of another host or port', () => {
    const allowed = ['https://api.shop.example', 'http://127.0.0.1:3000'];
    expect(shouldPropagate('https://api.shop.example.evil.net/collect', allowed)).toBe(false);
    expect(shouldPropagate('https://api.shop.examplex.com/', allowed)).toBe(false);
    expect(shouldPropagate('https://api.shop.example:8443/', allowed)).toBe(false);
    expect(shouldPropagate('http://127.0.0.1:30001/ads', allowed)).toBe(false);
    expect(shouldPropagate('https://other.example/?next=https://api.shop.example', allowed)).toBe(false);
  });

  it('matches a global pattern on every request, not every other one', () => {
    const allowed = [/api\.shop\.example/g];
    const urls = ['https://api.shop.example/a', 'https://api.shop.example/b', 'https://api.shop.example/c'];
    expect(urls.map((url) => shouldPropagate(url, allowed))).toEqual([true, true, true]);
  });
});
