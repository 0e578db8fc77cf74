import { describe, expect, it } from 'vitest';
import { orderIdFromUrl } from './find-purchase.js';
import { readUrlParams } from './read-url-params.js';

describe('readUrlParams', () => {
  it('reads the query and a hash route’s query, the real query first', () => {
    const params = readUrlParams(new URL('https://shop.example/?q=a#/search?q=b&term=c'));
    expect([params.get('q'), params.getAll('q'), params.get('term')]).toEqual(['a', ['a', 'b'], 'c']);
    expect([...readUrlParams(new URL('https://shop.example/p#reviews'))]).toEqual([]);
  });

  it('finds an order id in a hash route’s query', () => {
    expect(orderIdFromUrl(/#\/thanks/, new URL('https://shop.example/#/thanks?order_id=o-7'))).toBe('o-7');
  });
});
