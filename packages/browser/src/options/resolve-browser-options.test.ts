import { describe, expect, it } from 'vitest';
import { readScriptOptions } from '../script/read-script-options.js';
import { resolveBrowserOptions } from './resolve-browser-options.js';

/** A script tag with the given data-* attributes, as a storefront writes it. */
const tag = (data: Record<string, string>) => {
  const script = document.createElement('script');
  Object.assign(script.dataset, data);
  return script;
};

describe('option errors', () => {
  it('an unreadable URL pattern throws naming the option, also from the tag', () => {
    expect(() => resolveBrowserOptions({ checkoutUrlPatterns: ['/checkout('] })).toThrow(
      /checkoutUrlPatterns/,
    );
    expect(() =>
      resolveBrowserOptions(readScriptOptions(tag({ purchaseUrlPattern: '/orders/(\\d+' }))),
    ).toThrow(/purchaseUrlPatterns/);
  });

  it('an endpoint that is no URL throws naming the option; paths and other origins are fine', () => {
    expect(() => resolveBrowserOptions({ endpoint: 'http://[shop' })).toThrow(/endpoint/);
    expect(() => resolveBrowserOptions(readScriptOptions(tag({ endpoint: 'https://:80' })))).toThrow(
      /endpoint/,
    );
    expect(resolveBrowserOptions({ endpoint: '/collect' }).endpoint).toBe(`${location.origin}/collect`);
    expect(resolveBrowserOptions({ endpoint: 'https://t.shop.example/shoptel' }).endpoint).toBe(
      'https://t.shop.example/shoptel',
    );
  });

  it('a path is resolved against the page, not a <base href>, so every request goes to one place', () => {
    document.head.innerHTML = '<base href="https://cdn.shop.example/assets/">';
    try {
      expect(document.baseURI).toBe('https://cdn.shop.example/assets/');
      expect(resolveBrowserOptions({}).endpoint).toBe(`${location.origin}/shoptel`);
      expect(resolveBrowserOptions({ endpoint: 'collect' }).endpoint).toBe(
        new URL('collect', location.href).href,
      );
    } finally {
      document.head.innerHTML = '';
    }
  });

  it('a number option out of range throws naming it; recordDelayMs alone may be 0', () => {
    expect(() => resolveBrowserOptions({ recordDelayMs: -1 })).toThrow('shoptel: recordDelayMs is invalid');
    expect(() => resolveBrowserOptions({ recordDelayMs: '500' as never })).toThrow(/recordDelayMs/);
    expect(() => resolveBrowserOptions({ flushIntervalMs: 0 })).toThrow(
      'shoptel: flushIntervalMs is invalid',
    );
    expect(resolveBrowserOptions({ recordDelayMs: 0 }).recordDelayMs).toBe(0);
    expect(resolveBrowserOptions({}).recordDelayMs).toBe(1000);
  });

  it('a capture name that does not exist throws naming it, instead of switching every capture off', () => {
    expect(() => resolveBrowserOptions(readScriptOptions(tag({ autoCapture: 'pageview,cart' })))).toThrow(
      'shoptel: autoCapture.pageview is invalid',
    );
    expect(() => resolveBrowserOptions({ autoCapture: { carts: false } as never })).toThrow(/carts/);
    // The names the README lists still select just those captures.
    expect(resolveBrowserOptions(readScriptOptions(tag({ autoCapture: 'pageViews, cart' }))).capture).toEqual(
      {
        pageViews: true,
        productViews: false,
        search: false,
        cart: true,
        checkout: false,
        dataLayer: false,
      },
    );
  });

  it('an empty data-consent (a template that printed nothing) throws instead of tracking as granted', () => {
    expect(() => resolveBrowserOptions(readScriptOptions(tag({ consent: '' })))).toThrow(/consent/);
    expect(resolveBrowserOptions(readScriptOptions(tag({ consent: 'pending' }))).consent).toBe('pending');
  });
});

// Plain JavaScript (and `window.shoptelConfig` for the tag) has no types to catch these: each
// throws at start-up naming the option, never an engine message or a client that fails later.
describe('options of the wrong type from plain JavaScript', () => {
  it('a pattern option given as one string, not a list, is named', () => {
    expect(() => resolveBrowserOptions({ checkoutUrlPatterns: '/checkout' as never })).toThrow(
      'shoptel: checkoutUrlPatterns is invalid',
    );
  });

  it('a currency that is no text is named', () => {
    expect(() => resolveBrowserOptions({ currency: 978 as never })).toThrow('shoptel: currency is invalid');
    expect(resolveBrowserOptions({ currency: 'eur' }).currency).toBe('EUR');
  });

  it('an endpoint that is no http(s) URL is named', () => {
    expect(() => resolveBrowserOptions({ endpoint: 'javascript:alert(1)' })).toThrow(
      'shoptel: endpoint is invalid',
    );
    expect(() => resolveBrowserOptions({ endpoint: 'ftp://shop.example/shoptel' })).toThrow(
      'shoptel: endpoint is invalid',
    );
    expect(resolveBrowserOptions({ endpoint: 'https://shop.example/t' }).endpoint).toBe(
      'https://shop.example/t',
    );
  });
});
