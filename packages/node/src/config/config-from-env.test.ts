import { ShoptelConfigError } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { createShoptel } from '../shoptel/create-shoptel.js';
import { configFromEnv } from './config-from-env.js';
import { resolveNodeOptions } from './resolve-node-options.js';

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ShoptelConfigError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
};

describe('configFromEnv (node)', () => {
  it('reads the node variables on top of core ones', () => {
    const config = configFromEnv({
      OPENOBSERVE_URL: 'http://127.0.0.1:5080',
      OPENOBSERVE_SERVICE_NAME: 'checkout',
      OPENOBSERVE_SERVICE_VERSION: '2.1.0',
      OPENOBSERVE_CURRENCY: 'eur',
      OPENOBSERVE_LOG_LEVEL: 'warn',
      OPENOBSERVE_TRUST_PROXY: '2',
      OPENOBSERVE_METRICS_PUSH_INTERVAL: '30000',
    });
    expect(config).toMatchObject({
      url: 'http://127.0.0.1:5080',
      serviceName: 'checkout',
      serviceVersion: '2.1.0',
      currency: 'EUR',
      minLevel: 'WARN',
      trustProxy: 2,
      metrics: { pushIntervalMs: 30000 },
    });
  });

  it('falls back to OTEL_SERVICE_NAME and leaves unset values to the defaults', () => {
    const config = configFromEnv({ OTEL_SERVICE_NAME: 'cart' });
    expect(config.serviceName).toBe('cart');
    expect(config.currency).toBeUndefined();
    const resolved = resolveNodeOptions(config);
    expect(resolved).toMatchObject({
      serviceName: 'cart',
      currency: 'CNY',
      minLevel: 'INFO',
      trustedProxies: 0,
    });
  });

  it('names every bad variable, core and node together, in one error', () => {
    const fields = problemsOf(() =>
      configFromEnv({
        OPENOBSERVE_BATCH_SIZE: 'many',
        OPENOBSERVE_CURRENCY: 'euros',
        OPENOBSERVE_LOG_LEVEL: 'loud',
        OPENOBSERVE_TRUST_PROXY: 'maybe',
        OPENOBSERVE_METRICS_PUSH_INTERVAL: '5',
      }),
    );
    expect(fields).toEqual([
      'OPENOBSERVE_BATCH_SIZE',
      'OPENOBSERVE_CURRENCY',
      'OPENOBSERVE_LOG_LEVEL',
      'OPENOBSERVE_TRUST_PROXY',
      'OPENOBSERVE_METRICS_PUSH_INTERVAL',
    ]);
  });
});

describe('createShoptel options', () => {
  it('names every bad option field at start-up', () => {
    const fields = problemsOf(() =>
      createShoptel({
        url: 'not a url',
        serviceName: '',
        currency: 'euro',
        // @ts-expect-error: a level that does not exist
        minLevel: 'TRACE',
        trustProxy: 99,
        metrics: { pushIntervalMs: 1, maxSeriesPerMetric: 0 },
        tracing: { maxQueueSize: -1 },
      }),
    );
    expect(fields).toEqual([
      'url',
      'serviceName',
      'currency',
      'minLevel',
      'trustProxy',
      'metrics.pushIntervalMs',
      'metrics.maxSeriesPerMetric',
      'tracing.maxQueueSize',
    ]);
  });

  it('accepts what configFromEnv returns', async () => {
    const shoptel = createShoptel(
      configFromEnv({ OPENOBSERVE_SERVICE_NAME: 'orders', OPENOBSERVE_CURRENCY: 'USD' }),
    );
    expect(shoptel.config.url).toBe('http://localhost:5080');
    await shoptel.shutdown({ timeoutMs: 100 });
  });
});
