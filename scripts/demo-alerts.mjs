// The alerts demo: two rules over a devserver — payment failure share and checkout latency p95 —
// evaluated by @shoptel/node/alerts, notifying a signed webhook on 127.0.0.1 that prints each
// notification as it fires and resolves. `runAlertsDemo(url, auth)` is called by the main demo;
// `node scripts/demo-alerts.mjs` runs it alone on its own devserver (after a build).
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path) => import(pathToFileURL(join(root, path)).href);
const SERVICE = 'demo-alerts';
const SECRET = `whsec_${Buffer.from('shoptel-demo-alerts-webhook-key!').toString('base64')}`;

/** Runs the demo against the devserver at `url` (Basic `auth`); resolves when both rules resolved. */
export async function runAlertsDemo(url, auth) {
  const { createSearchClient, resolveConfig, sql } = await load('packages/core/dist/index.js');
  const { createShoptel } = await load('packages/node/dist/index.js');
  const alerts = await load('packages/node/dist/alerts.js');

  const seen = [];
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
      };
      const valid = alerts.verifyStandardWebhook(SECRET, headers, body, Math.floor(Date.now() / 1000));
      const message = JSON.parse(body);
      seen.push(message);
      for (const alert of message.alerts) {
        const value = typeof alert.value === 'number' ? alert.value.toFixed(1) : 'no data';
        console.log(
          `  ${new Date().toISOString().slice(11, 19)} ${message.status.toUpperCase().padEnd(8)} ${message.ruleName} value=${value} (${message.notificationReason}, webhook-id ${headers.id.slice(0, 16)}…, signature ${valid ? 'valid' : 'INVALID'})`,
        );
      }
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${receiver.address().port}/alerts`;

  const engine = alerts.createAlertEngine({
    query: createSearchClient(resolveConfig({ url, auth })),
    store: await alerts.openSqliteAlertStore(':memory:'),
    notifiers: { webhook: alerts.createWebhookNotifier() },
    // Demo timings: group wait 1s, group interval 3s (production defaults: 30s and 5m).
    timings: { groupWaitMs: 1000, groupIntervalMs: 3000, pollIntervalMs: 1000 },
    onError: (e) => console.log(`  engine: ${e.reason}: ${e.message}`),
  });
  const webhook = { type: 'webhook', enabled: true, config: { url: hook, secret: SECRET } };
  const common = { enabled: true, timeWindow: '5m', evaluationInterval: '10s', notifications: [webhook] };
  await engine.createRule({
    ...common,
    name: 'PaymentFailureShare',
    description: 'share of failed payments over 5 minutes above 5%',
    severity: 'critical',
    condition: sql`SELECT 100.0 * sum(CASE WHEN status = ${'failed'} THEN 1 ELSE 0 END) / nullif(count(*), 0) AS value
      FROM ${sql.id('business_events')} WHERE category = ${'PAYMENT'} AND service = ${SERVICE}`,
    operator: '>',
    threshold: 5,
  });
  await engine.createRule({
    ...common,
    name: 'CheckoutLatencyP95',
    description: 'p95 checkout latency over 5 minutes above 2000 ms',
    severity: 'high',
    condition: sql`SELECT approx_percentile_cont(metadata_duration_ms, 0.95) AS value
      FROM ${sql.id('business_events')} WHERE action = ${'checkout_completed'} AND service = ${SERVICE}`,
    operator: '>',
    threshold: 2000,
  });
  await engine.start();

  const shoptel = createShoptel({ url, auth, serviceName: SERVICE });
  let n = 0;
  const traffic = async ({ payments, failedShare, checkouts, slowShare }) => {
    for (let i = 0; i < payments; i++, n++) {
      const failed = i < payments * failedShare;
      shoptel.logger.logPaymentEvent(`pay-${n}`, 'charge', 20 + (n % 50), failed ? 'failed' : 'succeeded');
    }
    for (let i = 0; i < checkouts; i++, n++) {
      const ms = i < checkouts * slowShare ? 3000 + (n % 900) : 300 + (n % 500);
      shoptel.logger.logOrderEvent(`order-${n}`, 'checkout_completed', { duration_ms: ms });
    }
    await shoptel.flush();
  };
  const waitFor = async (what, check, timeoutMs = 40_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`alerts demo: no ${what} within ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const count = (rule, status) => seen.filter((m) => m.ruleName === rule && m.status === status).length;

  try {
    console.log(
      '\nAlerts: two rules, evaluated every 10s over the last 5 minutes; notifications arrive on a signed webhook.',
    );
    console.log('  phase 1: healthy traffic (1% failed payments, checkouts ~0.5s) — nothing fires');
    await traffic({ payments: 100, failedShare: 0.01, checkouts: 100, slowShare: 0 });
    await new Promise((r) => setTimeout(r, 11_000));
    console.log(
      '  phase 2: a payment provider degrades (25% failed) and checkouts slow down (40 take 3s or more)',
    );
    await traffic({ payments: 100, failedShare: 0.25, checkouts: 40, slowShare: 1 });
    await waitFor(
      'firing notifications',
      () => count('PaymentFailureShare', 'firing') > 0 && count('CheckoutLatencyP95', 'firing') > 0,
    );
    console.log(
      '  phase 3: failures stop and checkouts are fast again (healthy traffic dilutes the 5-minute window)',
    );
    await traffic({ payments: 1500, failedShare: 0, checkouts: 1500, slowShare: 0 });
    await waitFor(
      'resolved notifications',
      () => count('PaymentFailureShare', 'resolved') > 0 && count('CheckoutLatencyP95', 'resolved') > 0,
    );
    const active = await engine.getActiveAlerts();
    console.log(
      `  done: ${seen.length} notifications; alerts now ${active.map((a) => `${a.ruleName}=${a.status}`).join(', ')}`,
    );
  } finally {
    await engine.stop();
    await shoptel.shutdown();
    receiver.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { runTurbo } = await import('./turbo.mjs');
  runTurbo(['run', 'build', '--output-logs=errors-only']);
  const { startDevServer } = await load('packages/devserver/dist/index.js');
  const server = await startDevServer({ port: 0, host: '127.0.0.1' });
  const auth = { username: 'root@example.com', password: 'Complexpass#123' };
  try {
    await runAlertsDemo(server.url, auth);
  } finally {
    await server.stop();
  }
}
