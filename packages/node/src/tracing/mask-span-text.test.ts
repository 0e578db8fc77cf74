import { describe, expect, it } from 'vitest';
import { maskAttributes, maskSpanText } from './mask-span.js';

describe('maskSpanText', () => {
  it('masks URL passwords, secret query parameters (also percent-encoded names) and card numbers', () => {
    expect(maskSpanText('https://svc:p4ss@db.example:5432/x')).toBe(
      'https://svc:[REDACTED]@db.example:5432/x',
    );
    expect(maskSpanText('/cb?code=1&api%5Fkey=zz&q=shoes')).toBe('/cb?code=1&api%5Fkey=[REDACTED]&q=shoes');
    expect(maskSpanText('GET /pay?card_number=4111111111111111')).toBe('GET /pay?card_number=[REDACTED]');
    expect(maskSpanText('order 4111 1111 1111 1111 paid')).toBe('order ************1111 paid');
    expect(maskSpanText('plain text = fine')).toBe('plain text = fine');
    expect(maskSpanText('charge declined: cvv 123 wrong')).toBe('charge declined: cvv *** wrong');
  });

  it('writes half an emoji as U+FFFD: OpenObserve refuses the whole export for its escape', () => {
    expect(maskSpanText('view Mug \ud83d')).toBe('view Mug \ufffd');
    expect(maskSpanText('\ude92 cart 🛒')).toBe('\ufffd cart 🛒');
    expect(maskAttributes({ 'product.name': 'Mug \ud83d' })).toEqual({ 'product.name': 'Mug \ufffd' });
  });

  it('leaves clean attributes as the same object, and hides secret names in arrays too', () => {
    const clean = { 'http.request.method': 'GET', count: 3 };
    expect(maskAttributes(clean)).toBe(clean);
    expect(maskAttributes({ tokens: ['a'], notes: ['x 4111111111111111'], big: 4111111111111111 })).toEqual({
      tokens: ['a'],
      notes: ['x ************1111'],
      big: '************1111',
    });
  });
});
