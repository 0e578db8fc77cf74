// A rule over the devserver, real clock, real HTTP all the way: payment failure share above 5%
// over 5 minutes fires when a fixture pushes failures, resolves when they stop (successes dilute
// the window), and sends exactly one firing and one resolved webhook.
import { createSearchClient, resolveConfig, sql } from '@shoptel/core';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { startRecordingServer } from '../../test/recording-http-server.js';
import type { AlertEngineError } from './alert-engine-options.js';
import { createAlertEngine } from './create-alert-engine.js';
import { createWebhookNotifier } from './notifiers/create-webhook-notifier.js';
import { verifyStandardWebhook } from './notifiers/sign-standard-webhook.js';
import { openSqliteAlertStore } from './open-sqlite-alert-store.js';

const dev = useDevServer();
const SECRET = `whsec_${Buffer.from('devserver-rule-test-secret-32b!!').toString('base64')}`;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('payment failure share over the devserver', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('fires on failures, resolves when they stop: exactly one firing and one resolved webhook', async () => {
    const hook = await startRecordingServer(() => ({ status: 204 }));
    closers.push(hook.close);
    const { shoptel, errors } = dev.shoptel({ serviceName: 'checkout-alerts' });
    const payments = (n: number, status: 'failed' | 'succeeded', from: number) => {
      for (let i = 0; i < n; i++) shoptel.logger.logPaymentEvent(`p-${from + i}`, 'charge', 20 + i, status);
    };

    const engineErrors: AlertEngineError[] = [];
    const engine = createAlertEngine({
      query: createSearchClient(resolveConfig({ url: dev.url, auth: AUTH })),
      store: await openSqliteAlertStore(':memory:'),
      notifiers: { webhook: createWebhookNotifier() },
      timings: { groupWaitMs: 1000, groupIntervalMs: 2000, pollIntervalMs: 1000 },
      onError: (e) => engineErrors.push(e),
    });
    closers.push(() => engine.stop());
    await engine.createRule({
      name: 'PaymentFailureShare',
      description: 'share of failed payments in the last 5 minutes above 5%',
      enabled: true,
      condition: sql`SELECT 100.0 * sum(CASE WHEN status = ${'failed'} THEN 1 ELSE 0 END) / nullif(count(*), 0) AS value
        FROM ${sql.id('business_events')} WHERE category = ${'PAYMENT'} AND service = ${'checkout-alerts'}`,
      severity: 'critical',
      threshold: 5,
      operator: '>',
      timeWindow: '5m',
      evaluationInterval: '10s',
      notifications: [
        { type: 'webhook', enabled: true, config: { url: `${hook.url}/alerts`, secret: SECRET } },
      ],
    });
    await engine.start();

    payments(90, 'succeeded', 0);
    payments(10, 'failed', 90); // 10 %
    await shoptel.flush();
    await until(() => hook.requests.length >= 1, 25_000);
    const [alert] = await engine.getActiveAlerts();
    expect(alert).toMatchObject({ status: 'firing', severity: 'critical' });
    expect(alert?.details.currentValue).toBeCloseTo(10);

    payments(400, 'succeeded', 100); // failures stop: 10 / 500 = 2 %
    await shoptel.flush();
    await until(() => hook.requests.length >= 2, 25_000);
    // Let two more evaluations and flushes pass: nothing else may arrive.
    await new Promise((r) => setTimeout(r, 12_000));
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    expect(engineErrors).toEqual([]);

    const bodies = hook.requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.status)).toEqual(['firing', 'resolved']);
    expect(bodies[0].alerts[0].value).toBeCloseTo(10);
    expect(bodies[1].alerts[0].value).toBeCloseTo(2);
    for (const req of hook.requests) {
      const headers = {
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
      };
      expect(verifyStandardWebhook(SECRET, headers, req.body, Math.floor(Date.now() / 1000))).toBe(true);
    }
    expect(new Set(hook.requests.map((r) => r.headers['webhook-id'])).size).toBe(2);
  }, 90_000);
});
