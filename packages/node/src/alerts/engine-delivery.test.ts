// The engine's delivery path over real 127.0.0.1 receivers (real clock): a timed-out webhook is
// retried with the same webhook-id, a new webhook-timestamp and a valid signature; a channel that
// succeeded is never sent to again while another channel is retried.
import { describe, expect, it } from 'vitest';
import { type HttpAnswer, startRecordingServer } from '../../test/recording-http-server.js';
import { createAlertEngine } from './create-alert-engine.js';
import { createMemoryAlertStore } from './create-memory-alert-store.js';
import { createSlackNotifier } from './notifiers/create-slack-notifier.js';
import { createWebhookNotifier } from './notifiers/create-webhook-notifier.js';
import { verifyStandardWebhook } from './notifiers/sign-standard-webhook.js';

const SECRET = 'a-plain-utf8-secret';

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('engine delivery over real receivers', () => {
  it('retries a slow webhook with the same id and a fresh signed timestamp; Slack, which succeeded, is hit once', async () => {
    const webhookAnswers: HttpAnswer[] = [{ status: 200, delayMs: 1500 }, { status: 503 }, { status: 200 }];
    const hook = await startRecordingServer((_r, i) => webhookAnswers[i] ?? { status: 200 });
    const slack = await startRecordingServer(() => ({ status: 200, body: 'ok' }));
    const engine = createAlertEngine({
      query: {
        search: async () =>
          ({
            hits: [{ value: 42 }],
            total: 1,
            took: 1,
            from: 0,
            size: 1,
            scanSize: 0,
            functionErrors: [],
            isPartial: false,
          }) as never,
      },
      store: createMemoryAlertStore(),
      notifiers: { webhook: createWebhookNotifier(), slack: createSlackNotifier() },
      timings: { groupWaitMs: 0, pollIntervalMs: 200 },
      random: () => 0.5,
    });
    const rule = await engine.createRule({
      name: 'CheckoutLatencyP95',
      description: 'p95 checkout latency above 2s',
      enabled: true,
      condition: 'checkout_latency_p95_seconds',
      severity: 'high',
      threshold: 2,
      operator: '>',
      timeWindow: '5m',
      evaluationInterval: '1m',
      notifications: [
        {
          type: 'webhook',
          enabled: true,
          config: { url: hook.url, secret: SECRET, timeoutMs: 500 },
          retryPolicy: { maxRetries: 3, retryInterval: '1s' },
        },
        { type: 'slack', enabled: true, config: { url: slack.url } },
      ],
    });
    await engine.start();
    expect(await engine.evaluateRule(rule.id)).toBe(true);
    await until(() => hook.requests.length >= 3, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    await engine.stop();
    await hook.close();
    await slack.close();

    expect(slack.requests).toHaveLength(1);
    expect(hook.requests).toHaveLength(3);
    const ids = new Set(hook.requests.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const stamps = hook.requests.map((r) => Number(r.headers['webhook-timestamp']));
    expect(stamps[2]! > stamps[0]!).toBe(true);
    for (const r of hook.requests) {
      const headers = {
        id: String(r.headers['webhook-id']),
        timestamp: String(r.headers['webhook-timestamp']),
        signature: String(r.headers['webhook-signature']),
      };
      expect(verifyStandardWebhook(SECRET, headers, r.body, Math.floor(Date.now() / 1000))).toBe(true);
    }
  }, 30_000);
});
