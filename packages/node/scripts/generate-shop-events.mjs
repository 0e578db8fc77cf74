// Seeded shop traffic for analytics tests and the analytics bench: storefront sessions into
// `user_behavior` (page and product views, cart adds, checkouts, purchases) and the backend's
// `business_events` (order created → completed/cancelled with a processing time, payments, errors),
// in shoptel's wire format (wire-format.md). The same seed gives the same events, byte for byte.
//
//   node scripts/generate-shop-events.mjs --seed 7 --sessions 1000 [--start <epoch ms>] [--span-ms 3600000]
//
// prints NDJSON lines `{"stream":"user_behavior"|"business_events","record":{…}}`.
import { pathToFileURL } from 'node:url';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ERROR_ACTIONS = [
  ['PAYMENT', 'payment_failed', 0.05],
  ['SYSTEM', 'db_timeout', 0.02],
  ['INVENTORY', 'stock_sync_failed', 0.005],
];

/**
 * Yields `{ stream, record }` for `sessions` storefront sessions that start uniformly within
 * [`startMs`, `startMs + spanMs`). Each event's time stays inside that window.
 * @param {{ seed?: number, sessions?: number, startMs: number, spanMs?: number, products?: number }} options
 */
export function* generateShopEvents({
  seed = 1,
  sessions = 1000,
  startMs,
  spanMs = 3_600_000,
  products = 40,
}) {
  const random = createRandom(seed);
  const pick = (n) => Math.floor(random() * n);
  // Skewed towards low ids, so the top products are a clear ranking.
  const product = () => `sku-${String(Math.floor(products * random() ** 2)).padStart(3, '0')}`;
  let counter = 0;
  const endMs = startMs + spanMs;
  const base = (ms, service) => {
    counter += 1;
    const at = Math.min(ms, endMs - 1);
    return {
      _timestamp: at * 1000,
      event_time: new Date(at).toISOString(),
      event_id: `ev-${seed}-${counter}`,
      service,
      sdk: 'shoptel-fixture/1',
    };
  };
  const behavior = (ms, sessionId, userId, eventType, fields) => ({
    stream: 'user_behavior',
    record: {
      ...base(ms, 'storefront'),
      event_type: eventType,
      session_id: sessionId,
      ...(userId === undefined ? {} : { user_id: userId }),
      source: 'api',
      ...fields,
    },
  });
  const business = (ms, userId, fields) => ({
    stream: 'business_events',
    record: { ...base(ms, 'checkout'), ...(userId === undefined ? {} : { user_id: userId }), ...fields },
  });

  for (let s = 0; s < sessions; s++) {
    const sessionId = `s-${seed}-${s}`;
    const userId = random() < 0.6 ? `u-${pick(Math.max(1, Math.floor(sessions / 3)))}` : undefined;
    let ms = startMs + Math.floor(random() * spanMs);
    const step = () => {
      ms += 1000 + pick(30_000);
      return ms;
    };
    yield behavior(ms, sessionId, userId, 'PAGE_VIEW', { page: '/' });
    // One session in 20 goes straight to the cart (a deep link): it is not in the funnel.
    const viewed = [];
    if (random() >= 0.05) {
      const views = 1 + pick(4);
      for (let v = 0; v < views; v++) {
        const id = product();
        viewed.push(id);
        yield behavior(step(), sessionId, userId, 'PRODUCT_VIEW', { product_id: id, price: 5 + pick(95) });
      }
    } else viewed.push(product());
    if (random() < 0.35)
      yield behavior(step(), sessionId, userId, 'SEARCH', { search_query: `q${pick(20)}` });
    if (random() >= 0.4) continue;
    const lines = viewed
      .slice(0, 1 + pick(viewed.length))
      .map((id) => ({ id, qty: 1 + pick(3), price: 5 + pick(95) }));
    for (const line of lines) {
      yield behavior(step(), sessionId, userId, 'CART_ADD', {
        product_id: line.id,
        quantity: line.qty,
        price: line.price,
        currency: 'EUR',
      });
    }
    if (random() >= 0.55) continue;
    const orderId = `o-${seed}-${s}`;
    const currency = random() < 0.1 ? 'USD' : 'EUR';
    const total = lines.reduce((sum, l) => sum + l.qty * l.price, 0);
    yield behavior(step(), sessionId, userId, 'CHECKOUT', {
      order_id: orderId,
      total_amount: total,
      currency,
    });
    if (random() >= 0.7) continue;
    const purchasedAt = step();
    yield behavior(purchasedAt, sessionId, userId, 'PURCHASE', {
      order_id: orderId,
      total_amount: total,
      currency,
    });
    const order = { level: 'INFO', category: 'ORDER', order_id: orderId, session_id: sessionId };
    yield business(purchasedAt, userId, {
      ...order,
      action: 'created',
      message: `Order event: created for order ${orderId}`,
    });
    // Processing times in whole seconds, 1 s to 10 min, so percentiles are exact numbers.
    const seconds = 1 + pick(600);
    const finished = random() < 0.9 ? 'completed' : 'cancelled';
    yield business(purchasedAt + seconds * 1000, userId, {
      ...order,
      action: finished,
      message: `Order event: ${finished} for order ${orderId}`,
    });
    yield business(purchasedAt + 200, userId, {
      level: 'INFO',
      category: 'PAYMENT',
      action: 'captured',
      payment_id: `p-${orderId}`,
      amount: total,
      currency,
      status: 'succeeded',
    });
  }
  // Background noise of the backend: logins, stock updates, and errors at fixed rates.
  const noise = sessions * 2;
  for (let n = 0; n < noise; n++) {
    const at = startMs + Math.floor(random() * spanMs);
    const r = random();
    let fields = { level: 'INFO', category: 'USER', action: 'login' };
    let acc = 0;
    for (const [category, action, rate] of ERROR_ACTIONS) {
      acc += rate;
      if (r < acc) {
        fields = { level: 'ERROR', category, action };
        break;
      }
    }
    if (fields.level === 'INFO' && r > 0.85)
      fields = { level: 'WARN', category: 'INVENTORY', action: 'stock_low' };
    const userId = random() < 0.5 ? `u-${pick(Math.max(1, Math.floor(sessions / 3)))}` : undefined;
    yield business(at, userId, { ...fields, message: `${fields.category} ${fields.action}` });
  }
}

/** CLI: NDJSON on stdout. */
function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
  };
  const spanMs = arg('span-ms', 3_600_000);
  const options = {
    seed: arg('seed', 1),
    sessions: arg('sessions', 1000),
    spanMs,
    startMs: arg('start', Date.now() - spanMs - 60_000),
  };
  for (const event of generateShopEvents(options)) process.stdout.write(`${JSON.stringify(event)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
