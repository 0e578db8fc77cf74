import { describe, expect, it } from 'vitest';
import type { ShoptelNodeError } from '../errors/node-error.js';
import { createMetricsRegistry } from './create-metrics-registry.js';

const registry = (maxSeriesPerMetric = 1000) => {
  const errors: ShoptelNodeError[] = [];
  return { errors, metrics: createMetricsRegistry({ maxSeriesPerMetric, report: (e) => errors.push(e) }) };
};

describe('metrics registry', () => {
  it('keeps one series per label set, whatever the key order', () => {
    const { metrics, errors } = registry();
    const requests = metrics.registerCounter('http_requests_total', 'Requests', { app: 'shop' });
    requests.inc();
    requests.inc(2, { method: 'GET', status: 200 });
    requests.inc(3, { status: '200', method: 'GET' });
    requests.inc(1, { method: 'POST', status: 201 });
    expect(requests.get()).toBe(1);
    expect(requests.get({ status: 200, method: 'GET' })).toBe(5);
    expect(requests.get({ method: 'PUT' })).toBe(0);
    expect(metrics.getAllMetrics().http_requests_total).toEqual({
      type: 'counter',
      description: 'Requests',
      labels: { app: 'shop' },
      value: 1,
      series: [
        { labels: { app: 'shop' }, value: 1 },
        { labels: { app: 'shop', method: 'GET', status: '200' }, value: 5 },
        { labels: { app: 'shop', method: 'POST', status: '201' }, value: 1 },
      ],
    });
    expect(errors).toEqual([]);
  });

  it('gauges set, inc and dec; histograms count into cumulative buckets', () => {
    const { metrics } = registry();
    const gauge = metrics.registerGauge('queue_depth', 'Jobs waiting');
    gauge.set(10);
    gauge.inc();
    gauge.dec(4);
    gauge.set(3, { queue: 'mail' });
    expect(gauge.get()).toBe(7);
    expect(gauge.get({ queue: 'mail' })).toBe(3);

    const latency = metrics.registerHistogram('checkout_seconds', 'Checkout time', [1, 0.1, 0.5]);
    expect(latency.getBuckets()).toEqual([0.1, 0.5, 1]);
    for (const value of [0.05, 0.1, 0.3, 0.7, 2]) latency.observe(value, { step: 'pay' });
    latency.observe(0.2);
    expect(latency.getCounts()).toEqual([2, 4, 5, 6]);
    expect(metrics.getAllMetrics().checkout_seconds).toMatchObject({
      type: 'histogram',
      buckets: [0.1, 0.5, 1],
      counts: [2, 4, 5, 6],
      count: 6,
    });
    expect(metrics.getAllMetrics().checkout_seconds!.sum).toBeCloseTo(3.35);
  });

  it('prints the Prometheus text format', () => {
    const { metrics } = registry();
    metrics.registerCounter('orders_total', 'Orders\nplaced').inc(2, { status: 'pa"id' });
    const h = metrics.registerHistogram('pay_seconds', 'Payment time', [0.5, 1]);
    h.observe(0.4);
    h.observe(3);
    expect(metrics.toPrometheusText()).toBe(
      [
        '# HELP orders_total Orders\\nplaced',
        '# TYPE orders_total counter',
        'orders_total{status="pa\\"id"} 2',
        '# HELP pay_seconds Payment time',
        '# TYPE pay_seconds histogram',
        'pay_seconds_bucket{le="0.5"} 1',
        'pay_seconds_bucket{le="1"} 1',
        'pay_seconds_bucket{le="+Inf"} 2',
        'pay_seconds_sum 3.4',
        'pay_seconds_count 2',
        '',
      ].join('\n'),
    );
  });

  it('throws at registration for bad names, labels, buckets and type conflicts; returns the same metric again', () => {
    const { metrics } = registry();
    expect(() => metrics.registerCounter('Orders', '')).toThrow(/must match \[a-z_:\]/);
    expect(() => metrics.registerCounter('__x', '')).toThrow(/reserved/);
    expect(() => metrics.registerCounter('9lives', '')).toThrow(TypeError);
    expect(() => metrics.registerCounter('a', '', { 'bad-label': 'x' })).toThrow(/bad-label/);
    expect(() => metrics.registerCounter('a', '', { value: 'x' })).toThrow(/reserved/);
    expect(() => metrics.registerHistogram('h', '', [])).toThrow(/non-empty/);
    expect(() => metrics.registerHistogram('h', '', [1, 1])).toThrow(/twice/);
    expect(() => metrics.registerHistogram('h', '', [1, Number.POSITIVE_INFINITY])).toThrow(
      /\+Inf is implied/,
    );
    const counter = metrics.registerCounter('orders_total', 'Orders');
    expect(metrics.registerCounter('orders_total', 'Orders again')).toBe(counter);
    expect(() => metrics.registerGauge('orders_total', '')).toThrow(/already registered as a counter/);
    metrics.registerHistogram('latency', '');
    expect(() => metrics.registerCounter('latency_count', '')).toThrow(/written by histogram 'latency'/);
  });

  it('folds label sets past the cap into one overflow series, reported once', () => {
    const { metrics, errors } = registry(3);
    const views = metrics.registerCounter('product_views_total', 'Views');
    for (let i = 0; i < 10; i++) views.inc(1, { product: `p${i}` });
    views.inc(1, { product: 'p0' }); // an existing series still counts where it belongs
    const series = metrics.getAllMetrics().product_views_total!.series;
    expect(series).toEqual([
      { labels: { product: 'p0' }, value: 2 },
      { labels: { product: 'p1' }, value: 1 },
      { labels: { product: 'p2' }, value: 1 },
      { labels: { shoptel_overflow: 'true' }, value: 7 },
    ]);
    expect(errors.map((e) => e.reason)).toEqual(['cardinality_limit']);
  });

  it('drops bad values and labels at record time without throwing, reporting once per metric', () => {
    const { metrics, errors } = registry();
    const counter = metrics.registerCounter('c_total', '');
    const gauge = metrics.registerGauge('g', '');
    expect(() => {
      counter.inc(-1);
      counter.inc(Number.NaN);
      counter.inc(1, { 'Bad Label': 'x' });
      counter.inc(1, { 'Bad Label': 'x' });
      gauge.set(Number.POSITIVE_INFINITY);
      (counter.inc as (v: unknown) => void)('5');
    }).not.toThrow();
    expect(counter.get()).toBe(0);
    expect(errors.map((e) => e.reason)).toEqual(['invalid_input', 'invalid_input', 'invalid_input']);
  });

  it("says what labels are when given prom-client's array of label names", () => {
    const { metrics } = registry();
    expect(() => metrics.registerCounter('orders_total', '', ['status'] as never)).toThrow(
      /constant labels, an object such as \{ region: 'eu' \}; got an array/,
    );
  });
});
