// The demo: a local OpenObserve-compatible devserver on DuckDB, order events shipped to it through
// @shoptel/core, a backend driving @shoptel/node (logger, business metrics, one traced request
// through the middleware), a storefront with the @shoptel/browser script tag behind the relay, two
// alert rules firing and resolving, and `shoptel report` over all of it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTurbo } from './turbo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
runTurbo(['run', 'build', '--output-logs=errors-only']);

const { createClient, createSearchClient, sql } = await import('../packages/core/dist/index.js');
const { createNodeHttpTransport } = await import('../packages/core/dist/node/index.js');
const { startDevServer } = await import('../packages/devserver/dist/index.js');

// biome-ignore lint/suspicious/noUndeclaredEnvVars: the demo runs outside turbo; no task cache depends on PORT.
const port = Number(process.env.PORT ?? 5080);
const server = await startDevServer({ port, host: '127.0.0.1', data: join(root, '.demo-data.duckdb') });
const auth = { username: 'root@example.com', password: 'Complexpass#123' };
console.log(`devserver on ${server.url} (Basic ${auth.username} / ${auth.password})`);

const client = createClient({
  url: server.url,
  auth,
  transport: createNodeHttpTransport(),
  commonFields: { service: 'demo' },
});
const actions = ['cart_add', 'checkout_started', 'order_created', 'payment_succeeded', 'payment_failed'];
for (let i = 0; i < 500; i++) {
  const action = actions[i % actions.length];
  client.send('business_events', {
    level: action === 'payment_failed' ? 'ERROR' : 'INFO',
    category: action.startsWith('payment') ? 'PAYMENT' : 'ORDER',
    action,
    user_id: `u-${i % 37}`,
    order_id: `o-${Math.floor(i / 5)}`,
    amount: 10 + (i % 90),
    currency: 'EUR',
  });
}
const stats = await client.shutdown();
console.log(`shipped: ${stats.sent} sent, ${stats.failed} failed, ${stats.dropped} dropped`);

const search = createSearchClient({
  url: server.url,
  organization: 'default',
  auth: { type: 'basic', ...auth },
  timeoutMs: 10_000,
});
const end = new Date(Date.now() + 60_000);
const start = new Date(Date.now() - 3600_000);
const byAction = await search.search({
  sql: sql`SELECT action, COUNT(*) AS events, COUNT(DISTINCT user_id) AS users FROM ${sql.id('business_events')} GROUP BY action ORDER BY events DESC`,
  start,
  end,
});
console.table(byAction.hits);

// The backend side: @shoptel/node's logger, business metrics and one traced HTTP request.
const { createShoptel } = await import('../packages/node/dist/index.js');
const { createServer } = await import('node:http');
const shoptel = createShoptel({
  url: server.url,
  auth,
  serviceName: 'demo-backend',
  currency: 'EUR',
  tracing: { enabled: true, samplingRate: 1 },
});
// Order ids unique to this run: the demo's data file keeps earlier runs, and an order's processing
// time pairs its 'created' with its outcome.
const runTag = Date.now().toString(36);
for (let i = 0; i < 20; i++) {
  const orderId = `demo-o-${runTag}-${i}`;
  const timer = shoptel.business.startOrderTimer(orderId);
  shoptel.logger.logOrderEvent(orderId, 'created', { amount: 20 + i, channel: i % 2 ? 'web' : 'app' });
  shoptel.logger.logPaymentEvent(
    `demo-p-${runTag}-${i}`,
    i % 7 ? 'captured' : 'declined',
    20 + i,
    i % 7 ? 'succeeded' : 'failed',
    { orderId },
  );
  shoptel.logger.logInventoryEvent(`sku-${i % 5}`, 'reserved', 1 + (i % 3), { orderId });
  timer.end(i % 7 ? 'completed' : 'cancelled');
  // The order's outcome as an event too: the report's order-processing times pair it with 'created'.
  shoptel.logger.logOrderEvent(orderId, i % 7 ? 'completed' : 'cancelled', { amount: 20 + i });
}
shoptel.business.recordConversionMetric({
  cartAdditions: 120,
  checkouts: 40,
  purchases: 34,
  cartToCheckoutRate: 33.3,
  checkoutToPurchaseRate: 85,
  overallConversionRate: 28.3,
  averageOrderValue: 29.5,
});
const middleware = shoptel.middleware();
const backend = createServer((req, res) =>
  middleware(req, res, () =>
    shoptel.tracing.withSpan('place_order', { orderId: 'demo-traced' }, async () => {
      shoptel.tracing.startDatabaseSpan('insert order', 'orders', 'INSERT').end();
      shoptel.logger.logOrderEvent('demo-traced', 'created', { amount: 99 });
      res.end('ok');
    }),
  ),
);
await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
await (await fetch(`http://127.0.0.1:${backend.address().port}/orders`, { method: 'POST' })).text();
backend.close();
await shoptel.shutdown();
const backendEvents = await search.search({
  sql: sql`SELECT category, COUNT(*) AS events FROM ${sql.id('business_events')} WHERE service = ${'demo-backend'} GROUP BY category ORDER BY category`,
  start,
  end: new Date(Date.now() + 60_000),
});
console.table(backendEvents.hits);
const [traced] = (
  await search.search({
    sql: sql`SELECT trace_id FROM ${sql.id('business_events')} WHERE order_id = ${'demo-traced'}`,
    start,
    end: new Date(Date.now() + 60_000),
  })
).hits;
const spans = await search.search({
  sql: sql`SELECT operation_name, duration FROM ${sql.id('traces')} WHERE trace_id = ${traced?.trace_id ?? ''}`,
  start,
  end: new Date(Date.now() + 60_000),
  streamType: 'traces',
});
console.log(`one traced request (trace ${traced?.trace_id}):`);
console.table(spans.hits);
const timed = await search.search({
  sql: sql`SELECT status, MAX(value) AS orders FROM ${sql.id('order_processing_duration_seconds_count')} WHERE service = ${'demo-backend'} GROUP BY status ORDER BY status`,
  start,
  end: new Date(Date.now() + 60_000),
  streamType: 'metrics',
});
console.log('orders timed by business.startOrderTimer (metric order_processing_duration_seconds):');
console.table(timed.hits);

// The storefront: the @shoptel/browser script tag on a multi-page and a single-page shop, its
// events posted to @shoptel/node's relay on the same origin and on into `user_behavior`.
const { startStorefrontDemo } = await import('./demo-storefront.mjs');
const storefront = await startStorefrontDemo({ url: server.url, auth });
const { postDemoShoppers } = await import('./demo-shoppers.mjs');
const shoppers = await postDemoShoppers(storefront.url);
await storefront.flush();
console.log(
  `storefront: ${shoppers.sessions} scripted shopping sessions posted to its relay (${shoppers.events} events, ${shoppers.purchases} purchases)`,
);

// Alerts: two rules (payment failure share, checkout latency p95) fire and resolve on a webhook.
const { runAlertsDemo } = await import('./demo-alerts.mjs');
await runAlertsDemo(server.url, auth);

// What a merchant asks of it all: `shoptel report --since 24h` over what the demo shipped.
const { demoReport } = await import('./demo-report.mjs');
await demoReport(server.url, auth);

console.log(`\nOpen ${server.url}/ to browse the streams. Ctrl-C stops the devserver.`);
process.on('SIGINT', async () => {
  await storefront.close();
  await server.stop();
  process.exit(0);
});
