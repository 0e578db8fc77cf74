import { describe, expect, it } from 'vitest';
import { only, settle, startHarness } from '../../test/capture-harness.js';

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('product views', () => {
  it('reads a schema.org Product from JSON-LD, also inside @graph', async () => {
    document.body.innerHTML = `${jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'BreadcrumbList' },
        {
          '@type': 'Product',
          sku: 'sku-7',
          name: 'Blue mug',
          category: 'kitchen',
          offers: { '@type': 'Offer', price: '12.50', priceCurrency: 'eur' },
        },
      ],
    })}<script type="application/ld+json">{ broken</script>`;
    const { events } = startHarness({ autoCapture: only('productViews') });
    await settle();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event_type: 'PRODUCT_VIEW',
      product_id: 'sku-7',
      product_name: 'Blue mug',
      category_id: 'kitchen',
      price: 12.5,
      currency: 'EUR',
      source: 'auto',
    });
  });

  it('reads a ProductGroup (the schema.org Product of a page with variants) as one product', async () => {
    document.body.innerHTML = jsonLd({
      '@context': 'https://schema.org',
      '@type': 'ProductGroup',
      productGroupID: 'tee-1',
      name: 'Tee',
      hasVariant: [
        { '@type': 'Product', sku: 'tee-1-s', offers: { price: '19.90', priceCurrency: 'EUR' } },
        { '@type': 'Product', sku: 'tee-1-m', offers: { price: '19.90', priceCurrency: 'EUR' } },
      ],
    });
    const { events } = startHarness({ autoCapture: only('productViews') });
    await settle();
    expect(events.map((e) => [e.event_type, e.product_id, e.product_name, e.price, e.currency])).toEqual([
      ['PRODUCT_VIEW', 'tee-1', 'Tee', 19.9, 'EUR'],
    ]);
  });

  it('reads the type as a full IRI, and the price from a priceSpecification', async () => {
    document.body.innerHTML = jsonLd({
      '@type': 'http://schema.org/Product',
      sku: 'sku-8',
      offers: {
        '@type': 'Offer',
        priceSpecification: [{ '@type': 'UnitPriceSpecification', price: 7.25, priceCurrency: 'EUR' }],
        priceCurrency: 'EUR',
      },
    });
    const { events } = startHarness({ autoCapture: only('productViews') });
    await settle();
    expect(events.map((e) => [e.event_type, e.product_id, e.price, e.currency])).toEqual([
      ['PRODUCT_VIEW', 'sku-8', 7.25, 'EUR'],
    ]);
  });

  it('reads [data-shoptel-product-id], not cart buttons or order lines, once per product per page', async () => {
    document.body.innerHTML = `
      <main data-shoptel-product-id="sku-1" data-shoptel-product-name="Tea" data-shoptel-price="4" data-shoptel-currency="USD">
        <button data-shoptel-cart-add data-shoptel-product-id="sku-9">Add</button>
      </main>
      <aside data-shoptel-product-id="sku-1"></aside>
      <div data-shoptel-purchase="o-1"><span data-shoptel-product-id="sku-3"></span></div>`;
    const { events } = startHarness({ autoCapture: only('productViews') });
    await settle(1100); // the late-render scan runs too and must not repeat the view
    expect(events.map((event) => [event.product_id, event.product_name, event.price])).toEqual([
      ['sku-1', 'Tea', 4],
    ]);
  });

  it('counts no product view for the cards of a listing page, only for a page about one product', async () => {
    const card = (id: string) =>
      `<div data-shoptel-product-id="${id}"><button data-shoptel-cart-add>Add</button></div>`;
    document.body.innerHTML = `<main>${card('sku-1')}${card('sku-2')}${card('sku-3')}</main>`;
    const listing = startHarness({ autoCapture: only('productViews') });
    await settle();
    expect(listing.events).toEqual([]);
    await listing.client.shutdown();
    // A product page with related products in a list: the page's product only.
    document.body.innerHTML = `<main data-shoptel-product-id="sku-1"></main>
      <ul><li data-shoptel-product-id="sku-2"></li><li><p data-shoptel-product-id="sku-3"></p></li></ul>`;
    const product = startHarness({ autoCapture: only('productViews') });
    await settle();
    expect(product.events.map((event) => event.product_id)).toEqual(['sku-1']);
  });

  it('finds the product an SPA renders after the route change', async () => {
    const { events } = startHarness({ autoCapture: only('productViews', 'pageViews') });
    history.pushState({}, '', '/p/sku-5');
    setTimeout(() => {
      document.body.innerHTML = jsonLd({ '@type': ['Product'], productID: 'sku-5', name: 'Late' });
    }, 100);
    await settle(1100);
    expect(events.map((event) => [event.event_type, event.page, event.product_id])).toEqual([
      ['PAGE_VIEW', '/', undefined],
      ['PAGE_VIEW', '/p/sku-5', undefined],
      ['PRODUCT_VIEW', '/p/sku-5', 'sku-5'],
    ]);
  });

  it('does not count the previous view’s product when something else changes before the new view renders', async () => {
    document.body.innerHTML = `<header></header><main><h1 data-shoptel-product-id="sku-a">A</h1></main>`;
    const { events } = startHarness({ autoCapture: only('productViews', 'pageViews') });
    await settle();
    history.pushState({}, '', '/cart');
    // A route-loading bar appears at once (NProgress and the like); the cart renders later.
    document.body.append(document.createElement('div'));
    await settle(50);
    document.querySelector('main')!.innerHTML = '<h1>Your cart</h1>';
    await settle(50);
    // A framework that renders the next view, then changes the URL in the same task: its product
    // is in the DOM at the route change, and new.
    document.querySelector('main')!.innerHTML = '<h1 data-shoptel-product-id="sku-b">B</h1>';
    history.pushState({}, '', '/p/sku-b');
    document.title = 'B';
    await settle(50);
    expect(events.map((event) => [event.event_type, event.page, event.product_id])).toEqual([
      ['PAGE_VIEW', '/', undefined],
      ['PRODUCT_VIEW', '/', 'sku-a'],
      ['PAGE_VIEW', '/cart', undefined],
      ['PAGE_VIEW', '/p/sku-b', undefined],
      ['PRODUCT_VIEW', '/p/sku-b', 'sku-b'],
    ]);
  });
});
