import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import type { AlertRule } from './alert-types.js';
import { exportToOpenObserve } from './export-to-openobserve.js';

const base: AlertRule = {
  id: 'r1',
  name: 'Checkout latency p95',
  description: 'p95 above 2s',
  enabled: true,
  condition: 'checkout_latency_p95_seconds',
  severity: 'high',
  threshold: 2.5,
  operator: '>',
  timeWindow: '10m',
  evaluationInterval: '5m',
  notifications: [{ type: 'webhook', enabled: true, config: {} }],
  createdAt: '',
  updatedAt: '',
};

describe('exportToOpenObserve', () => {
  it('compiles a metric threshold rule to the v2 alert body, the comparison inside the SQL', () => {
    expect(exportToOpenObserve(base, { destinations: ['oncall_webhook'] })).toEqual({
      name: 'Checkout_latency_p95',
      description: 'p95 above 2s',
      enabled: true,
      stream_type: 'metrics',
      stream_name: 'checkout_latency_p95_seconds',
      is_real_time: false,
      query_condition: {
        type: 'sql',
        sql: 'SELECT avg(value) AS value FROM "checkout_latency_p95_seconds" HAVING avg(value) > 2.5',
      },
      trigger_condition: {
        period: 10,
        operator: '>=',
        threshold: 1,
        frequency: 5,
        frequency_type: 'minutes',
        silence: 0,
      },
      destinations: ['oncall_webhook'],
    });
  });

  it('wraps a SQL rule and quotes nothing from input into it', () => {
    const rule = {
      ...base,
      operator: '==' as const,
      threshold: 0,
      condition: sql`SELECT count(*) AS value FROM ${sql.id('business_events')} WHERE action = ${"x'; DROP"}`,
    };
    const body = exportToOpenObserve(rule, { destinations: ['d'], streamName: 'business_events' });
    expect(body.stream_type).toBe('logs');
    expect(body.query_condition.sql).toBe(
      `SELECT value FROM (SELECT count(*) AS value FROM "business_events" WHERE action = 'x''; DROP') AS rule_result WHERE value = 0`,
    );
  });

  it('refuses what OpenObserve cannot express', () => {
    expect(() => exportToOpenObserve({ ...base, for: '5m' }, { destinations: ['d'] })).toThrow(/for is set/);
    expect(() => exportToOpenObserve({ ...base, timeWindow: '30s' }, { destinations: ['d'] })).toThrow(
      /whole minutes/,
    );
    expect(() =>
      exportToOpenObserve({ ...base, condition: sql`SELECT 1 AS value` }, { destinations: ['d'] }),
    ).toThrow(/streamName/);
    expect(() => exportToOpenObserve(base, { destinations: [] })).toThrow(/destinations/);
  });
});
