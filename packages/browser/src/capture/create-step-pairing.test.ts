import { describe, expect, it } from 'vitest';
import { createStepPairing } from './create-step-pairing.js';

describe('createStepPairing', () => {
  it('pairs a step with one copy from the other source, in either order, never within one source', () => {
    const counts = createStepPairing();
    expect(counts('CART_ADD sku-1', 'auto')).toBe(true);
    expect(counts('CART_ADD sku-1', 'auto')).toBe(true); // a second click
    expect(counts('CART_ADD sku-1', 'datalayer')).toBe(false); // the first click's push
    expect(counts('CART_ADD sku-1', 'datalayer')).toBe(false); // the second's
    expect(counts('CART_ADD sku-1', 'datalayer')).toBe(true); // a push without a click
    expect(counts('CART_ADD sku-1', 'auto')).toBe(false); // ...whose click came later
    expect(counts('CART_REMOVE sku-1', 'datalayer')).toBe(true); // another step
  });

  it('keeps the last 100 unpaired steps: an older one is no longer taken as a copy', () => {
    const counts = createStepPairing();
    for (let i = 0; i <= 100; i++) counts(`CART_ADD sku-${i}`, 'auto');
    expect(counts('CART_ADD sku-0', 'datalayer')).toBe(true);
    expect(counts('CART_ADD sku-100', 'datalayer')).toBe(false);
  });
});
