import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';

// The bundles are ES2020: a browser with ES2020 but not ES2022 (Safari 14 to 15.3, Chrome 80 to
// 92, Firefox 80 to 91) has no `Object.hasOwn`. Removed here as such a browser lacks it.
const hasOwn = Object.hasOwn;
afterEach(() => {
  Object.hasOwn = hasOwn;
});

describe('a browser without ES2022 built-ins', () => {
  it('still starts every automatic capture (no Object.hasOwn)', async () => {
    document.body.innerHTML = '<button data-shoptel-cart-add="sku-1">Add</button>';
    delete (Object as { hasOwn?: unknown }).hasOwn;
    const { client, types, problems } = startHarness();
    document.querySelector('button')!.click();
    history.pushState({}, '', '/next');
    Object.hasOwn = hasOwn;
    await client.flush();
    expect(problems).toEqual([]);
    expect(types()).toEqual(['PAGE_VIEW', 'CART_ADD', 'PAGE_VIEW']);
  });
});
