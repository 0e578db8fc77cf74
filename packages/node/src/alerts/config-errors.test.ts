import { ShoptelConfigError } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { createAlertEngine } from './create-alert-engine.js';
import { createMemoryAlertStore } from './create-memory-alert-store.js';
import { createEmailNotifier } from './notifiers/create-email-notifier.js';
import { createSlackNotifier } from './notifiers/create-slack-notifier.js';
import { createSmsNotifier } from './notifiers/create-sms-notifier.js';
import { createWebhookNotifier } from './notifiers/create-webhook-notifier.js';

// Configuration only: every case throws before anything is sent, so no server is involved.

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ShoptelConfigError);
    return (error as ShoptelConfigError).problems.map((p) => p.field);
  }
  return [];
};

const config = { url: 'http://127.0.0.1:5080', auth: { username: 'u', password: 'p' } };

describe('alert configuration errors throw at start-up, naming the field', () => {
  it('engine: a missing store and timings that are not milliseconds', () => {
    expect(
      fieldsOf(() =>
        createAlertEngine({
          config,
          notifiers: {},
          timings: {
            groupWaitMs: -1,
            groupIntervalMs: '5m' as never,
            repeatIntervalMs: Number.NaN,
            pollIntervalMs: 0,
          },
        } as never),
      ),
    ).toEqual([
      'store',
      'timings.groupWaitMs',
      'timings.groupIntervalMs',
      'timings.repeatIntervalMs',
      'timings.pollIntervalMs',
    ]);
    expect(fieldsOf(() => createAlertEngine(null as never))).toEqual(['options']);
    expect(
      fieldsOf(() =>
        createAlertEngine({
          config,
          store: createMemoryAlertStore(),
          notifiers: {},
          timings: { groupWaitMs: 0 },
        }),
      ),
    ).toEqual([]);
  });

  it('e-mail notifier: host, port and sender', () => {
    expect(fieldsOf(() => createEmailNotifier({} as never))).toEqual(['host', 'from']);
    expect(
      fieldsOf(() =>
        createEmailNotifier({ host: 'smtp.example', port: 'abc' as never, from: 'a@b.example' }),
      ),
    ).toEqual(['port']);
  });

  it('a rule whose channel could never deliver is refused when saved, not when the alert fires', async () => {
    const engine = createAlertEngine({
      config,
      store: createMemoryAlertStore(),
      notifiers: {
        webhook: createWebhookNotifier(),
        slack: createSlackNotifier(),
        email: createEmailNotifier({ host: 'smtp.example', from: 'alerts@shop.example' }),
        sms: createSmsNotifier({ accountSid: 'AC1', authToken: 't' }),
      },
    });
    const rule = {
      name: 'PaymentFailures',
      description: '',
      enabled: true,
      condition: 'payment_failures',
      operator: '>' as const,
      threshold: 5,
      severity: 'critical' as const,
      timeWindow: '5m',
      evaluationInterval: '1m',
    };
    const error = await engine
      .createRule({
        ...rule,
        notifications: [
          { type: 'webhook', enabled: true, config: {} },
          { type: 'slack', enabled: true, config: { url: 'javascript:alert(1)' } },
          { type: 'email', enabled: true, config: { to: [] } },
          { type: 'sms', enabled: true, config: { to: '5550100' } },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShoptelConfigError);
    expect((error as ShoptelConfigError).problems.map((p) => p.field)).toEqual([
      'notifications[0].config.url',
      'notifications[1].config.url',
      'notifications[2].config.to',
      'notifications[3].config.to',
      'notifications[3].config.from',
    ]);
    await expect(
      engine.createRule({
        ...rule,
        notifications: [
          { type: 'webhook', enabled: true, config: { url: 'https://ops.example/hook' } },
          { type: 'email', enabled: true, config: { to: 'oncall@shop.example' } },
          { type: 'sms', enabled: true, config: { to: '+15550100', from: '+15550199' } },
        ],
      }),
    ).resolves.toMatchObject({ name: 'PaymentFailures' });
  });
});
