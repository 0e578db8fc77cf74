import { describe, expect, it } from 'vitest';
import { toBehaviorFields } from './to-behavior-fields.js';

describe('amounts', () => {
  it('reads a decimal comma (12,50 and 1.234,56, as shops in much of Europe print them) and thousands separators', () => {
    const amounts = ['12,50', '12,5', '1.234,56', '1,234.56', '1,234', ' 7,99 ', '12.50', '3'].map(
      (price) => toBehaviorFields({ productId: 'sku-1', price: price as never }, 'EUR').price,
    );
    expect(amounts).toEqual([12.5, 12.5, 1234.56, 1234.56, 1234, 7.99, 12.5, 3]);
  });

  it('reads money as templates print it, currency signs and spaces ignored', () => {
    const amounts = [
      '€12',
      '12,50 €',
      '$1,234.56',
      '12,50 EUR',
      '1 234,56',
      '1\u00a0234,56',
      '-3.5',
      '1e3',
    ].map((price) => toBehaviorFields({ productId: 'sku-1', price: price as never }, 'EUR').price);
    expect(amounts).toEqual([12, 12.5, 1234.56, 12.5, 1234.56, 1234.56, -3.5, 1000]);
  });

  it('still leaves out what is no amount, rather than 0', () => {
    const amounts = ['', 'abc', 'call for price', '€', '-', '1,2,3,4', '1-2'].map(
      (price) => toBehaviorFields({ productId: 'sku-1', price: price as never }, 'EUR').price,
    );
    expect(amounts).toEqual(Array(7).fill(undefined));
  });
});

describe('currency', () => {
  it('upper-cases a three-letter code and leaves out anything else, call after call', () => {
    const currencies = ['eur', 'EUR', 'EUR', 'usd', 'EURO', 'EUR', 12, 'E1R', undefined, 'gbp'].map(
      (currency) => toBehaviorFields({ productId: 'sku-1', currency: currency as never }, undefined).currency,
    );
    expect(currencies).toEqual([
      'EUR',
      'EUR',
      'EUR',
      'USD',
      undefined,
      'EUR',
      undefined,
      undefined,
      undefined,
      'GBP',
    ]);
  });

  it('an amount without a valid code takes the default currency', () => {
    expect(toBehaviorFields({ productId: 'sku-1', price: 3, currency: 'nope' }, 'SEK').currency).toBe('SEK');
    expect(toBehaviorFields({ productId: 'sku-1', currency: 'nope' }, 'SEK').currency).toBeUndefined();
  });
});
