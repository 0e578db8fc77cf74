import { describe, expect, it } from 'vitest';
import { only, startHarness } from '../../test/capture-harness.js';

describe('cart clicks', () => {
  it('captures adds and removes from data attributes on the button or its product card', () => {
    document.body.innerHTML = `
      <article data-shoptel-product-id="sku-1" data-shoptel-product-name="Tea" data-shoptel-price="4.5" data-shoptel-currency="eur">
        <button data-shoptel-cart-add data-shoptel-quantity="2"><span id="inner">Add</span></button>
      </article>
      <button id="remove" data-shoptel-cart-remove="sku-2" data-shoptel-price="10" data-shoptel-cart-id="c-1">Remove</button>
      <button id="plain">Other</button>`;
    const { events } = startHarness({ autoCapture: only('cart') });
    // A host handler that stops propagation does not hide the click (capture phase).
    document.getElementById('inner')!.addEventListener('click', (event) => event.stopPropagation());
    document.getElementById('inner')!.click();
    document.getElementById('remove')!.click();
    document.getElementById('plain')!.click();
    expect(
      events.map((e) => [
        e.event_type,
        e.product_id,
        e.product_name,
        e.price,
        e.quantity,
        e.currency,
        e.cart_id,
      ]),
    ).toEqual([
      ['CART_ADD', 'sku-1', 'Tea', 4.5, 2, 'EUR', undefined],
      ['CART_REMOVE', 'sku-2', undefined, 10, 1, undefined, 'c-1'],
    ]);
  });

  it('fills a missing currency from the option, and refuses a button without a product id', () => {
    document.body.innerHTML =
      '<button id="a" data-shoptel-cart-add="sku-3" data-shoptel-price="3">A</button><button id="b" data-shoptel-cart-add>B</button>';
    const { events, problems } = startHarness({ autoCapture: only('cart'), currency: 'chf' });
    document.getElementById('a')!.click();
    document.getElementById('b')!.click();
    expect(events.map((event) => [event.product_id, event.currency])).toEqual([['sku-3', 'CHF']]);
    expect(problems.map((problem) => problem.reason)).toEqual(['invalid_event']);
  });

  it('counts 1 when a template leaves data-shoptel-quantity empty, or it is no count', () => {
    document.body.innerHTML = ['', 'two', '0', '-1', '3']
      .map(
        (q, i) =>
          `<button id="b${i}" data-shoptel-cart-add="sku-${i}" data-shoptel-quantity="${q}">A</button>`,
      )
      .join('');
    const { events } = startHarness({ autoCapture: only('cart') });
    for (let i = 0; i < 5; i++) document.getElementById(`b${i}`)!.click();
    expect(events.map((event) => [event.product_id, event.quantity])).toEqual([
      ['sku-0', 1],
      ['sku-1', 1],
      ['sku-2', 1],
      ['sku-3', 1],
      ['sku-4', 3],
    ]);
  });

  it("sees a cart button inside a web component's open shadow root, and past a page's stopPropagation", () => {
    const host = document.createElement('shop-card');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<div data-shoptel-product-id="sku-7" data-shoptel-price="5"><button data-shoptel-cart-add><b>Add</b></button></div>';
    // A page listener that runs before any other and stops the click there.
    const stop = (event: Event) => event.stopPropagation();
    addEventListener('click', stop, true);
    try {
      const { events } = startHarness({ autoCapture: only('cart') });
      root.querySelector('b')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      expect(events.map((event) => [event.event_type, event.product_id, event.price])).toEqual([
        ['CART_ADD', 'sku-7', 5],
      ]);
    } finally {
      removeEventListener('click', stop, true);
    }
  });
});
