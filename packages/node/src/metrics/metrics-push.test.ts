import { sql } from '@shoptel/core';
import { createFakeClock } from '@shoptel/core/testing';
import { describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import type { ShoptelNodeError } from '../errors/node-error.js';
import { createShoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();
const metricRows = (name: string, where = sql`1 = 1`) =>
  dev.rows<Record<string, unknown>>(
    sql`SELECT * FROM ${sql.id(name)} WHERE ${where} ORDER BY _timestamp`,
    'metrics',
  );

describe('metrics → /api/{org}/ingest/metrics/_json', () => {
  it('pushes one sample per series in OpenObserve format, histograms as _bucket/_sum/_count', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'metrics-e2e' });
    const orders = shoptel.metrics.registerCounter('orders_total', 'Orders placed');
    orders.inc(2, { status: 'paid' });
    orders.inc(1, { status: 'failed' });
    shoptel.metrics.registerGauge('cart_items', 'Items in carts').set(17);
    const latency = shoptel.metrics.registerHistogram('checkout_seconds', 'Checkout time', [0.5, 1, 5]);
    for (const v of [0.2, 0.7, 0.8, 3, 9]) latency.observe(v, { step: 'pay' });
    await shoptel.flush();
    orders.inc(4, { status: 'paid' }); // cumulative: the last push carries 6
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const paid = await metricRows('orders_total', sql`status = ${'paid'}`);
    expect(paid.map((r) => r.value)).toEqual([2, 6]);
    expect(paid[0]).toMatchObject({ __type__: 'counter', service: 'metrics-e2e', status: 'paid' });
    expect(paid[0]!.event_id).toBeUndefined(); // no per-sample field that would split series
    expect((await metricRows('cart_items')).at(-1)).toMatchObject({ __type__: 'gauge', value: 17 });

    const buckets = await metricRows('checkout_seconds_bucket');
    const lastPush = buckets.filter((r) => r._timestamp === buckets.at(-1)!._timestamp);
    const last = lastPush.map((r) => [r.le, r.value, r.step]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(last).toEqual([
      ['0.5', 1, 'pay'],
      ['1', 3, 'pay'],
      ['5', 4, 'pay'],
      ['+Inf', 5, 'pay'],
    ]);
    expect((await metricRows('checkout_seconds_count')).at(-1)).toMatchObject({
      __type__: 'counter',
      value: 5,
    });
    expect((await metricRows('checkout_seconds_sum')).at(-1)!.value).toBeCloseTo(13.7);
  });

  it('reports a refused push and keeps counting for the next one', async () => {
    const errors: ShoptelNodeError[] = [];
    const shoptel = createShoptel({
      url: dev.url,
      auth: { username: AUTH.username, password: 'wrong' },
      onError: (e) => errors.push(e),
    });
    shoptel.metrics.registerCounter('refused_total', '').inc();
    await shoptel.shutdown();
    expect(errors).toMatchObject([{ reason: 'metrics_push_failed', status: 401 }]);
  });
});

describe('business metrics', () => {
  it('writes the seed metric names with their types, and times orders into a histogram', async () => {
    const clock = createFakeClock(Date.now());
    const { shoptel, errors } = dev.shoptel({ serviceName: 'biz', currency: 'EUR', clock });
    const { business } = shoptel;
    business.recordUserActivityMetric({
      activeUsers: 120,
      newUsers: 10,
      returningUsers: 30,
      averageSessionDuration: 312.5,
      bounceRate: 41.2,
      pageViews: 900,
      uniquePageViews: 700,
    });
    business.recordConversionMetric({
      cartAdditions: 50,
      checkouts: 20,
      purchases: 15,
      cartToCheckoutRate: 40,
      checkoutToPurchaseRate: 75,
      overallConversionRate: 12.5,
      averageOrderValue: 64.3,
    });
    business.recordOrderProcessingMetric({
      ordersReceived: 15,
      ordersProcessed: 14,
      ordersCancelled: 1,
      averageProcessingTime: 3.2,
      processingTimeP50: 2,
      processingTimeP95: 8,
      processingTimeP99: 12,
    });
    const timers = ['o-1', 'o-2', 'o-3'].map((id) => business.startOrderTimer(id));
    clock.advance(800);
    expect(timers[0]!.end('completed')).toBe(0.8);
    clock.advance(4000);
    timers[1]!.end('completed');
    timers[2]!.end('cancelled');
    timers[2]!.end('completed'); // once only
    business.recordConversionMetric({ purchases: Number.NaN } as never);
    await shoptel.shutdown();
    expect(errors.map((e) => e.reason)).toEqual(['invalid_input']);

    const all = shoptel.metrics.getAllMetrics();
    expect(all.new_users).toMatchObject({ type: 'counter', unit: 'count', value: 10 });
    expect(all.active_users).toMatchObject({ type: 'gauge', value: 120 });
    expect(all.bounce_rate).toMatchObject({ type: 'gauge', unit: 'percent' });
    expect(all.average_order_value).toMatchObject({ labels: { currency: 'EUR' }, unit: 'currency' });
    const names = Object.keys(all).sort();
    expect(names).toEqual(
      [
        'active_users',
        'average_order_value',
        'average_processing_time',
        'average_session_duration',
        'bounce_rate',
        'cart_additions',
        'cart_to_checkout_rate',
        'checkout_to_purchase_rate',
        'checkouts',
        'new_users',
        'order_processing_duration_seconds',
        'orders_cancelled',
        'orders_processed',
        'orders_received',
        'overall_conversion_rate',
        'page_views',
        'processing_time_p50',
        'processing_time_p95',
        'processing_time_p99',
        'purchases',
        'returning_users',
        'unique_page_views',
      ].sort(),
    );

    expect((await metricRows('orders_received')).at(-1)).toMatchObject({
      __type__: 'counter',
      value: 15,
      service: 'biz',
    });
    expect((await metricRows('average_order_value')).at(-1)).toMatchObject({
      __type__: 'gauge',
      value: 64.3,
      currency: 'EUR',
    });
    const completed = await dev.rows<{ le: string; value: number }>(
      sql`SELECT le, value FROM ${sql.id('order_processing_duration_seconds_bucket')} WHERE status = ${'completed'} AND le IN (${'0.5'}, ${'1'}, ${'5'}, ${'+Inf'}) ORDER BY value`,
      'metrics',
    );
    expect(completed.map((r) => [r.le, r.value])).toEqual([
      ['0.5', 0],
      ['1', 1],
      ['5', 2],
      ['+Inf', 2],
    ]);
  });
});
