// The demo: a local OpenObserve-compatible devserver on DuckDB, order events shipped to it through
// @shoptel/core, and the analytics queries run back through the search client. The storefront and
// backend examples join this demo when @shoptel/browser and @shoptel/node land.
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

console.log(`\nOpen ${server.url}/ to browse the streams. Ctrl-C stops the devserver.`);
process.on('SIGINT', async () => {
  await server.stop();
  process.exit(0);
});
