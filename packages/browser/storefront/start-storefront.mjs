// A small storefront for the Chromium end-to-end tests and `npm run demo`: a multi-page shop and a
// single-page shop, both with the script tag, and the node relay at /shoptel on the same origin.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The catalogue: prices in EUR. */
export const PRODUCTS = {
  'sku-1': { name: 'Blue mug', price: 12.5, category: 'kitchen' },
  'sku-2': { name: 'Green tea', price: 4.25, category: 'drinks' },
};

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every page: the pre-load stub, then the tag configured by data-* attributes. */
function page(title, body, { head = '', script = 'shoptel.global.js', tagData = '' } = {}) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<script>window.shoptel = window.shoptel || [];</script>
<script src="/${script}" data-currency="EUR" ${tagData}></script>${head}</head>
<body>${body}</body></html>`;
}

const cartButton = (kind, sku, quantity) => {
  const p = PRODUCTS[sku];
  return `<button id="${kind}-${sku}" data-shoptel-cart-${kind} data-shoptel-product-id="${sku}" data-shoptel-product-name="${escapeHtml(p.name)}" data-shoptel-price="${p.price}" data-shoptel-quantity="${quantity}">${kind} ${escapeHtml(p.name)}</button>`;
};

/** Multi-page shop: one HTML page per step, the capture driven by markup only. */
function multiPage(url, tagData) {
  const path = url.pathname;
  const options = { tagData: `data-checkout-url-pattern="/shop/checkout$" ${tagData}` };
  if (path === '/shop/')
    return page(
      'Home',
      `<h1>Shop</h1><form role="search" action="/shop/search"><input type="search" name="q"><input type="email" name="email" value="shopper@mail.example"><button id="go">Search</button></form>`,
      options,
    );
  if (path === '/shop/search')
    return page(
      'Results',
      Object.keys(PRODUCTS)
        .map((sku) => `<a id="open-${sku}" href="/shop/p/${sku}">${escapeHtml(PRODUCTS[sku].name)}</a>`)
        .join(' '),
      options,
    );
  const product = /^\/shop\/p\/([\w-]+)$/.exec(path);
  if (product && PRODUCTS[product[1]]) {
    const sku = product[1];
    const p = PRODUCTS[sku];
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      sku,
      name: p.name,
      category: p.category,
      offers: { '@type': 'Offer', price: String(p.price), priceCurrency: 'EUR' },
    });
    return page(
      p.name,
      `<h1>${escapeHtml(p.name)}</h1>${cartButton('add', sku, 1)} ${cartButton('add', 'sku-2', 2)} ${cartButton('remove', 'sku-2', 2)}
<a id="checkout" href="/shop/checkout">Checkout</a>`,
      { ...options, head: `<script type="application/ld+json">${jsonLd}</script>` },
    );
  }
  if (path === '/shop/checkout')
    return page(
      'Checkout',
      `<a id="place-order" href="/shop/orders/${randomUUID()}/thanks">Place order</a>`,
      options,
    );
  const thanks = /^\/shop\/orders\/([\w-]+)\/thanks$/.exec(path);
  if (thanks) {
    const line = PRODUCTS['sku-1'];
    return page(
      'Thank you',
      `<section data-shoptel-purchase="${thanks[1]}" data-shoptel-total="${line.price}" data-shoptel-currency="EUR">
<p data-shoptel-product-id="sku-1" data-shoptel-product-name="${escapeHtml(line.name)}" data-shoptel-price="${line.price}" data-shoptel-quantity="1">Blue mug</p></section>`,
      options,
    );
  }
  return undefined;
}

/**
 * Single-page shop: one document, views rendered a moment after each `pushState` (as frameworks
 * do), cart and purchase reported through a GA4 `dataLayer`.
 */
function singlePage(tagData) {
  const app = `
const PRODUCTS = ${JSON.stringify(PRODUCTS)};
const view = document.getElementById('view');
window.dataLayer = window.dataLayer || [];
const item = (sku, quantity) => ({ item_id: sku, item_name: PRODUCTS[sku].name, price: PRODUCTS[sku].price, quantity });
function render() {
  const path = location.pathname;
  let html = '<form role="search"><input type="search" name="q"><button id="go">Search</button></form>';
  if (path === '/spa/search') html = Object.keys(PRODUCTS).map((sku) => '<a data-link id="open-' + sku + '" href="/spa/p/' + sku + '">' + PRODUCTS[sku].name + '</a>').join(' ');
  const product = /^\\/spa\\/p\\/([\\w-]+)$/.exec(path);
  if (product) {
    const p = PRODUCTS[product[1]];
    html = '<h1 data-shoptel-product-id="' + product[1] + '" data-shoptel-product-name="' + p.name + '" data-shoptel-price="' + p.price + '">' + p.name + '</h1>'
      + '<button id="add-' + product[1] + '" data-add="' + product[1] + '" data-quantity="1">add</button>'
      + '<button id="add-sku-2" data-add="sku-2" data-quantity="2">add tea</button>'
      + '<button id="remove-sku-2" data-remove="sku-2" data-quantity="2">remove tea</button>'
      + '<a data-link id="checkout" href="/spa/checkout">Checkout</a>';
  }
  if (path === '/spa/checkout') html = '<button id="place-order">Place order</button>';
  if (/^\\/spa\\/orders\\//.test(path)) html = '<h1>Thank you</h1>';
  // Frameworks render after the URL has changed.
  setTimeout(() => { view.innerHTML = html; }, 30);
}
function go(url) {
  history.pushState({}, '', url);
  render();
  if (location.pathname === '/spa/checkout') dataLayer.push({ event: 'begin_checkout', ecommerce: { currency: 'EUR', value: PRODUCTS['sku-1'].price, items: [item('sku-1', 1)] } });
}
document.addEventListener('submit', (event) => {
  event.preventDefault();
  go('/spa/search?q=' + encodeURIComponent(event.target.querySelector('input[type=search]').value));
});
document.addEventListener('click', (event) => {
  const target = event.target;
  const link = target.closest('a[data-link]');
  if (link) { event.preventDefault(); go(link.getAttribute('href')); return; }
  if (target.dataset.add) dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [item(target.dataset.add, Number(target.dataset.quantity))] } });
  if (target.dataset.remove) dataLayer.push({ event: 'remove_from_cart', ecommerce: { currency: 'EUR', items: [item(target.dataset.remove, Number(target.dataset.quantity))] } });
  if (target.id === 'place-order') {
    const order = crypto.randomUUID();
    dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: order, currency: 'EUR', value: PRODUCTS['sku-1'].price, items: [item('sku-1', 1)] } });
    go('/spa/orders/' + order + '/thanks');
  }
});
addEventListener('popstate', render);
render();`;
  return page('Single-page shop', `<main id="view"></main><script>${app}</script>`, { tagData });
}

/**
 * Serves the shops and `/shoptel` through `relay` on 127.0.0.1.
 * @param {{ relay: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void, port?: number, tagData?: string }} options
 *   `tagData`: extra `data-*` attributes for every script tag (e.g. `data-consent="pending"`).
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startStorefront({ relay, port = 0, tagData = '' }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/shoptel') return relay(req, res);
    const asset = /^\/(shoptel(?:\.debug)?\.global\.js)$/.exec(url.pathname);
    if (asset) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(readFileSync(join(dist, asset[1])));
    }
    const html = url.pathname.startsWith('/spa/') ? singlePage(tagData) : multiPage(url, tagData);
    if (html === undefined) {
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/shop/' });
        return res.end();
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
