import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';

const host = window as unknown as { dataLayer?: unknown[] };
const ga4 = (event: string, ecommerce: Record<string, unknown>) => host.dataLayer!.push({ event, ecommerce });
const cartItem = (id: string) => ({ items: [{ item_id: id, price: 3, quantity: 1 }] });

describe('a shop that reports a step through its markup or URL and through GA4', () => {
  it('counts each cart click once when its handler also pushes add_to_cart, also late and also twice', async () => {
    host.dataLayer = [];
    document.body.innerHTML = `
      <button id="add-1" data-shoptel-cart-add="sku-1" data-shoptel-price="3">Add</button>
      <button id="add-2" data-shoptel-cart-add="sku-2" data-shoptel-price="5">Add</button>
      <button id="remove-1" data-shoptel-cart-remove="sku-1">Remove</button>`;
    const click = (id: string) => document.getElementById(id)!.click();
    for (const id of ['add-1', 'add-2'])
      document.getElementById(id)!.addEventListener('click', () => {
        // After the shop's cart request, as many GA4 setups push it.
        setTimeout(() => ga4('add_to_cart', cartItem(id === 'add-1' ? 'sku-1' : 'sku-2')), 30);
      });
    document
      .getElementById('remove-1')!
      .addEventListener('click', () => ga4('remove_from_cart', cartItem('sku-1')));
    const { events } = startHarness({ autoCapture: only('cart', 'dataLayer') });
    click('add-1');
    click('add-1'); // two adds of one product: two rows
    click('add-2');
    click('remove-1');
    await settle(100);
    expect(events.map((event) => [event.event_type, event.product_id, event.source])).toEqual([
      ['CART_ADD', 'sku-1', 'auto'],
      ['CART_ADD', 'sku-1', 'auto'],
      ['CART_ADD', 'sku-2', 'auto'],
      ['CART_REMOVE', 'sku-1', 'auto'],
    ]);
    // GA4 alone, for a button without markup: counted.
    ga4('add_to_cart', cartItem('sku-9'));
    expect(events.map((event) => [event.product_id, event.source]).slice(4)).toEqual([
      ['sku-9', 'datalayer'],
    ]);
  });

  it('counts one checkout for a checkout URL pattern and GA4 begin_checkout on that page', async () => {
    host.dataLayer = [];
    history.replaceState(null, '', '/checkout');
    const { events } = startHarness({
      autoCapture: only('checkout', 'dataLayer'),
      checkoutUrlPatterns: ['/checkout$'],
    });
    await settle();
    ga4('begin_checkout', { value: 8, currency: 'EUR', items: [{ item_id: 'sku-1' }] });
    expect(events.map((event) => [event.event_type, event.source])).toEqual([['CHECKOUT', 'auto']]);
    // The shopper goes back to the cart and checks out again: a second checkout.
    history.pushState(null, '', '/cart');
    await settle(150);
    history.pushState(null, '', '/checkout');
    await settle(150);
    ga4('begin_checkout', { value: 8, currency: 'EUR' });
    expect(
      events.map((event) => [event.event_type, event.source]).filter(([type]) => type === 'CHECKOUT'),
    ).toEqual([
      ['CHECKOUT', 'auto'],
      ['CHECKOUT', 'auto'],
    ]);
  });

  it('counts one search for a results URL and GA4 search with that query', async () => {
    host.dataLayer = [];
    history.replaceState(null, '', '/search?q=blue+mug');
    const { events } = startHarness({ autoCapture: only('search', 'dataLayer') });
    await settle();
    ga4('search', { search_term: 'blue mug' });
    ga4('search', { search_term: 'red mug' }); // another query: its own search
    expect(events.map((event) => [event.search_query, event.source])).toEqual([
      ['blue mug', 'auto'],
      ['red mug', 'datalayer'],
    ]);
  });

  it('never pairs what the page tracks through the API', () => {
    host.dataLayer = [];
    const { client, events } = startHarness({ autoCapture: only('dataLayer') });
    client.trackCartAdd({ productId: 'sku-1' });
    ga4('add_to_cart', cartItem('sku-1'));
    expect(events.map((event) => event.source)).toEqual(['api', 'datalayer']);
  });
});
