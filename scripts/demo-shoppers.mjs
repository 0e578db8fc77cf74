// Shopper traffic for the demo's storefront without a browser: each session's events posted to the
// relay at /shoptel as the script tag posts them (NDJSON, text/plain), so `shoptel report` has a
// funnel to show. The same relay, validation and `user_behavior` records as real page traffic;
// open the storefront's URL in a browser to add your own.

const PRODUCTS = [
  { id: 'sku-1', name: 'Blue mug', price: 12.5 },
  { id: 'sku-2', name: 'Tea towel', price: 8 },
  { id: 'sku-3', name: 'Teapot', price: 34 },
];

/**
 * Posts `sessions` scripted shopping sessions to `${storefrontUrl}/shoptel`: every one views a
 * product, and fewer at each step add to cart, check out and buy.
 * @param {string} storefrontUrl the storefront's origin (the relay is on it)
 * @param {number} [sessions]
 * @returns {Promise<{ sessions: number, events: number, purchases: number }>}
 */
export async function postDemoShoppers(storefrontUrl, sessions = 40) {
  let events = 0;
  let purchases = 0;
  const started = Date.now() - sessions * 1000;
  for (let s = 0; s < sessions; s++) {
    const product = PRODUCTS[s % PRODUCTS.length];
    const session = { session_id: `demo-session-${s}`, anonymous_id: `demo-visitor-${s}`, currency: 'EUR' };
    const at = (step) => new Date(started + s * 1000 + step * 100).toISOString();
    const page = (path, step) => ({ page: path, url: `${storefrontUrl}${path}`, event_time: at(step) });
    const line = [
      { event_type: 'PAGE_VIEW', ...page('/shop/', 0) },
      {
        event_type: 'PRODUCT_VIEW',
        product_id: product.id,
        product_name: product.name,
        price: product.price,
        ...page(`/shop/products/${product.id}`, 1),
      },
    ];
    // 60% add to cart, 35% check out, 25% buy: a funnel with a drop at each step.
    if (s % 20 < 12)
      line.push({
        event_type: 'CART_ADD',
        product_id: product.id,
        price: product.price,
        quantity: 1,
        ...page(`/shop/products/${product.id}`, 2),
      });
    if (s % 20 < 7)
      line.push({ event_type: 'CHECKOUT', total_amount: product.price, ...page('/shop/checkout', 3) });
    if (s % 20 < 5) {
      line.push({
        event_type: 'PURCHASE',
        order_id: `demo-order-${s}`,
        total_amount: product.price,
        ...page('/shop/thanks', 4),
      });
      purchases++;
    }
    const body = line.map((event) => JSON.stringify({ ...session, source: 'api', ...event })).join('\n');
    await postToRelay(`${storefrontUrl}/shoptel`, storefrontUrl, body);
    events += line.length;
  }
  return { sessions, events, purchases };
}

/**
 * One POST as the script tag sends it. Every demo shopper comes from 127.0.0.1, so the relay's
 * per-IP rate limit answers 429 once the burst is spent: wait as its `Retry-After` says, as the
 * browser does.
 */
async function postToRelay(url, origin, body) {
  for (;;) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin },
      body,
    });
    const text = await response.text();
    if (response.status === 202) return;
    if (response.status !== 429) throw new Error(`relay answered ${response.status}: ${text}`);
    const seconds = Number(response.headers.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
}
