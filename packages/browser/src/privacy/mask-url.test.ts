import { describe, expect, it } from 'vitest';
import { maskUrl } from './mask-url.js';

describe('maskUrl', () => {
  it('masks emails (plain and percent-encoded) and token-like parameters, keeping the names', () => {
    expect(maskUrl('https://shop.example/account/jane.doe+x@mail.example/orders')).toBe(
      'https://shop.example/account/[email]/orders',
    );
    expect(maskUrl('/reset?email=jane%40mail.example&token=abc123&page=2')).toBe(
      '/reset?email=[redacted]&token=[redacted]&page=2',
    );
    expect(maskUrl('/login#access_token=xyz&state=1')).toBe('/login#access_token=[redacted]&state=1');
    expect(maskUrl('/cb?api_key=k&code=c&q=mail%40x.example')).toBe(
      '/cb?api_key=[redacted]&code=[redacted]&q=[email]',
    );
    expect(maskUrl('/a?password=p1&passwd=p2&user_pwd=p3&X-Amz-Signature=s&sig=t&sessionid=u')).toBe(
      '/a?password=[redacted]&passwd=[redacted]&user_pwd=[redacted]&X-Amz-Signature=[redacted]&sig=[redacted]&sessionid=[redacted]',
    );
    // A percent-encoded `+` in the local part: nothing of the address may stay.
    expect(maskUrl('/news?e=john%2Bshop%40gmail.example&x=1')).toBe('/news?e=[email]&x=1');
  });

  it('leaves ordinary URLs alone', () => {
    const url = 'https://shop.example/p/sku-1?color=blue&utm_source=news#reviews';
    expect(maskUrl(url)).toBe(url);
  });
});
