// Every analytics method over seeded random shop traffic (scripts/generate-shop-events.mjs) on a
// real devserver, compared with the same questions answered in plain JavaScript over the same
// records (test/analytics-oracle.ts). The range is the second of two generated hours, so the
// time range, the previous-range comparison and paging over more than one page all matter.
import { resolveConfig, sql } from '@shoptel/core';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generateShopEvents } from '../../scripts/generate-shop-events.mjs';
import {
  expectedAnomalies,
  expectedBehavior,
  expectedFunnel,
  expectedLogStats,
  expectedOrders,
  expectedTopProducts,
} from '../../test/analytics-oracle.js';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { postRecords } from '../../test/post-records.js';
import { createAnalytics } from './create-analytics.js';

const dev = useDevServer();
const HOUR = 3_600_000;
const START = Math.floor((Date.now() - 4 * HOUR) / 1000) * 1000;
const RANGE_START = START + HOUR;
const RANGE_END = START + 2 * HOUR;
const RANGE = { start: RANGE_START, end: RANGE_END };

const behavior: Record<string, unknown>[] = [];
const business: Record<string, unknown>[] = [];
for (const { stream, record } of generateShopEvents({
  seed: 20261207,
  sessions: 1500,
  startMs: START,
  spanMs: 2 * HOUR,
}) as Iterable<{
  stream: string;
  record: Record<string, unknown>;
}>) {
  (stream === 'user_behavior' ? behavior : business).push(record);
}

const analytics = () => createAnalytics(resolveConfig({ url: dev.url, auth: AUTH }));

beforeAll(async () => {
  await postRecords(dev.url, 'user_behavior', behavior);
  await postRecords(dev.url, 'business_events', business);
});

describe('analytics over seeded traffic', () => {
  it('generates the same events for the same seed', () => {
    const again = [
      ...generateShopEvents({ seed: 20261207, sessions: 1500, startMs: START, spanMs: 2 * HOUR }),
    ];
    expect(again.length).toBe(behavior.length + business.length);
    expect(JSON.stringify(again.slice(0, 50))).toBe(
      JSON.stringify(
        [...generateShopEvents({ seed: 20261207, sessions: 1500, startMs: START, spanMs: 2 * HOUR })].slice(
          0,
          50,
        ),
      ),
    );
  });

  it('getConversionFunnel matches the reference', async () => {
    const funnel = await analytics().getConversionFunnel(RANGE);
    const expected = expectedFunnel(behavior, RANGE_START, RANGE_END);
    expect(expected.sessions[3]).toBeGreaterThan(20); // the fixture exercises every step
    expect(funnel.steps.map((s) => s.sessions)).toEqual(expected.sessions);
    expect(funnel.steps.map((s) => s.rateFromPrevious)).toEqual(expected.rates);
    expect(funnel.overallRate).toBe(expected.overallRate);
    expect(funnel.revenue).toEqual(expected.revenue);
  });

  it('getTopProducts matches the reference for every ranking', async () => {
    for (const by of ['views', 'cart_adds', 'purchases'] as const) {
      const expected = expectedTopProducts(behavior, RANGE_START, RANGE_END, by, 7);
      expect(await analytics().getTopProducts(RANGE, { by, limit: 7 }), by).toEqual(expected);
    }
  });

  it('getUserBehaviorAnalytics matches the reference, also for one user', async () => {
    expect(await analytics().getUserBehaviorAnalytics(RANGE)).toEqual(
      expectedBehavior(behavior, RANGE_START, RANGE_END),
    );
    const expectedOne = expectedBehavior(behavior, RANGE_START, RANGE_END, 'u-7');
    expect(expectedOne.length).toBeGreaterThan(0);
    expect(await analytics().getUserBehaviorAnalytics(RANGE, 'u-7')).toEqual(expectedOne);
  });

  it('getLogStats matches the reference', async () => {
    expect(await analytics().getLogStats(RANGE)).toEqual(expectedLogStats(business, RANGE_START, RANGE_END));
  });

  it('getOrderProcessing matches the reference, percentiles exactly', async () => {
    const { averageMs, ...expected } = expectedOrders(business, RANGE_START, RANGE_END);
    expect(expected.timedOrders).toBeGreaterThan(20);
    const orders = await analytics().getOrderProcessing(RANGE);
    expect(orders).toMatchObject(expected);
    expect(orders.averageMs).toBeCloseTo(averageMs!, 6);
  });

  it('detectAnomalousPatterns matches the reference, with the previous hour', async () => {
    const report = await analytics().detectAnomalousPatterns(RANGE, { minShare: 0.01 });
    const expected = expectedAnomalies(business, RANGE_START, RANGE_END, 0.01);
    const previous = expectedAnomalies(business, START, RANGE_START, 0.01);
    expect(expected.anomalies.length).toBeGreaterThan(0);
    expect(
      report.anomalies.map(({ category, action, count, share }) => ({ category, action, count, share })),
    ).toEqual(expected.anomalies);
    expect(report.current).toMatchObject({ events: expected.events, errors: expected.errors });
    expect(report.previous).toMatchObject({ events: previous.events, errors: previous.errors });
    expect(report.errorRateChange).toBe(
      expected.errors / expected.events - previous.errors / previous.events,
    );
  });

  it('query pages through results larger than one page', async () => {
    const rows = await analytics().query<{ event_id: string }>(
      RANGE,
      sql`SELECT event_id FROM ${sql.id('user_behavior')} ORDER BY event_id`,
    );
    const expected = behavior.filter(
      (r) => (r._timestamp as number) >= RANGE_START * 1000 && (r._timestamp as number) < RANGE_END * 1000,
    );
    expect(expected.length).toBeGreaterThan(2000);
    expect(rows.length).toBe(expected.length);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(expected.map((r) => r.event_id)));
  });
});
