import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';

const host = window as unknown as { dataLayer?: unknown[] };

describe('GA4 dataLayer', () => {
  it('reads entries pushed before init and after, in GTM and gtag shapes', () => {
    host.dataLayer = [
      { ecommerce: null },
      {
        event: 'view_item',
        ecommerce: {
          currency: 'EUR',
          items: [{ item_id: 'sku-1', item_name: 'Tea', price: 4.5, item_category: 'drinks' }],
        },
      },
    ];
    const { events } = startHarness({ autoCapture: only('dataLayer') });
    const gtag = function (..._args: unknown[]) {
      // gtag pushes its `arguments` object, not an array.
      // biome-ignore lint/complexity/noArguments: this is exactly what gtag.js does.
      host.dataLayer!.push(arguments);
    };
    gtag('event', 'add_to_cart', {
      currency: 'EUR',
      items: [
        { item_id: 'sku-1', price: 4.5, quantity: 2 },
        { item_id: 'sku-2', price: 1 },
      ],
    });
    host.dataLayer!.push({
      event: 'remove_from_cart',
      ecommerce: { items: [{ item_id: 'sku-2', price: 1, quantity: 1 }] },
    });
    host.dataLayer!.push({
      event: 'begin_checkout',
      ecommerce: { currency: 'EUR', value: 10, items: [{ item_id: 'sku-1', quantity: 2, price: 4.5 }] },
    });
    host.dataLayer!.push({
      event: 'purchase',
      ecommerce: {
        transaction_id: 'T-1',
        currency: 'EUR',
        value: 10,
        items: [{ item_id: 'sku-1', quantity: 2, price: 4.5 }],
      },
    });
    host.dataLayer!.push({ event: 'purchase', ecommerce: { transaction_id: 'T-1', value: 10 } }); // repeated: once
    host.dataLayer!.push({ event: 'gtm.click' });
    expect(
      events.map((e) => [e.event_type, e.product_id, e.quantity, e.order_id, e.total_amount, e.source]),
    ).toEqual([
      ['PRODUCT_VIEW', 'sku-1', undefined, undefined, undefined, 'datalayer'],
      ['CART_ADD', 'sku-1', 2, undefined, undefined, 'datalayer'],
      ['CART_ADD', 'sku-2', 1, undefined, undefined, 'datalayer'],
      ['CART_REMOVE', 'sku-2', 1, undefined, undefined, 'datalayer'],
      ['CHECKOUT', undefined, undefined, undefined, 10, 'datalayer'],
      ['PURCHASE', undefined, undefined, 'T-1', 10, 'datalayer'],
    ]);
    expect(events[5]!.items).toEqual([{ product_id: 'sku-1', quantity: 2, price: 4.5 }]);
    expect(host.dataLayer).toHaveLength(8);
  });

  it('keeps reading a dataLayer the site replaces after load, without reading old entries again', async () => {
    const search = (term: string) => ({ event: 'search', search_term: term });
    const old = search('old');
    host.dataLayer = [old];
    const { client, events } = startHarness({ autoCapture: only('dataLayer') });
    host.dataLayer = []; // a tag manager starting over
    host.dataLayer.push(search('after reset'));
    host.dataLayer = [old, search('copied in')]; // a copy of the old entries plus a new one
    host.dataLayer.push(search('pushed'));
    // GTM's snippet assigns the array it finds back to itself.
    // biome-ignore lint/correctness/noSelfAssign: exactly what `w[l] = w[l] || []` does.
    host.dataLayer = host.dataLayer;
    host.dataLayer.push(search('last'));
    expect(events.map((event) => event.search_query)).toEqual([
      'old',
      'after reset',
      'copied in',
      'pushed',
      'last',
    ]);
    await client.shutdown();
    host.dataLayer.push(search('after shutdown'));
    host.dataLayer = [search('replaced after shutdown')];
    expect(events).toHaveLength(5);
    expect(host.dataLayer).toHaveLength(1);
  });

  it('leaves push working and restores it on shutdown', async () => {
    host.dataLayer = [];
    const original = host.dataLayer.push;
    const { client } = startHarness({ autoCapture: only('dataLayer') });
    expect(host.dataLayer.push).not.toBe(original);
    expect(host.dataLayer.push({ event: 'x' }, { event: 'y' })).toBe(2);
    await client.shutdown();
    expect(host.dataLayer.push).toBe(original);
  });

  it('counts a product view once when GA4 and the page (JSON-LD, markup) both name it', async () => {
    const viewItem = (id: string) => ({
      event: 'view_item',
      ecommerce: { items: [{ item_id: id, price: 12.5 }] },
    });
    host.dataLayer = [viewItem('sku-1')];
    document.head.innerHTML =
      '<script type="application/ld+json">{"@type":"Product","sku":"sku-1","name":"Tea"}</script>';
    const { events } = startHarness({ autoCapture: only('productViews', 'dataLayer') });
    await settle();
    const views = () => events.map((event) => [event.product_id, event.source]);
    expect(views()).toEqual([['sku-1', 'datalayer']]); // the JSON-LD's view was GA4's copy
    // GA4 naming it again counts again, as GA4 counts it; so does one the page does not name.
    host.dataLayer!.push(viewItem('sku-1'), viewItem('sku-2'));
    expect(views().slice(1)).toEqual([
      ['sku-1', 'datalayer'],
      ['sku-2', 'datalayer'],
    ]);
    // A new page with markup for sku-3, and GA4's view_item of it after it rendered: one view.
    history.pushState(null, '', '/next');
    document.body.innerHTML = '<h1 data-shoptel-product-id="sku-3">Mug</h1>';
    await settle(150);
    host.dataLayer!.push(viewItem('sku-3'));
    expect(views().slice(3)).toEqual([['sku-3', 'auto']]);
  });

  it('reports a GA4 product event it cannot count: an item without item_id, or no item', () => {
    host.dataLayer = [];
    const { events, problems } = startHarness({ autoCapture: only('dataLayer') });
    host.dataLayer!.push({ event: 'add_to_cart', ecommerce: { items: [{ item_name: 'No id', price: 3 }] } });
    host.dataLayer!.push({ event: 'add_to_cart', ecommerce: {} });
    host.dataLayer!.push({ event: 'view_item', ecommerce: { items: [null, { item_id: 'sku-1' }] } });
    expect(events.map((event) => [event.event_type, event.product_id])).toEqual([['PRODUCT_VIEW', 'sku-1']]);
    expect(problems.map((problem) => [problem.reason, problem.count])).toEqual([
      ['invalid_event', 1],
      ['invalid_event', 1],
      ['invalid_event', 1],
    ]);
  });

  it("reports an entry it fails to read as capture_failed, with the error, and the page's push still works", () => {
    host.dataLayer = [];
    const { events, problems } = startHarness({ autoCapture: only('dataLayer') });
    const broken = {
      event: 'add_to_cart',
      get ecommerce(): unknown {
        throw new Error('boom');
      },
    };
    expect(() => host.dataLayer!.push(broken)).not.toThrow();
    expect(host.dataLayer!.includes(broken)).toBe(true);
    host.dataLayer!.push({ event: 'add_to_cart', ecommerce: { items: [{ item_id: 'sku-1' }] } });
    expect(events.map((event) => event.product_id)).toEqual(['sku-1']);
    // The tests run the debug build's code, whose message is the error.
    expect(problems).toEqual([{ reason: 'capture_failed', count: 1, message: 'Error: boom' }]);
  });
});
