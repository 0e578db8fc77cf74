import { describe, expect, it } from 'vitest';
import { authorizationHeader } from './authorization-header.js';
import { configFromEnv } from './config-from-env.js';
import { problemsOf } from './config-test-problems.js';
import { resolveConfig } from './resolve-config.js';

const quiet = { onWarning: () => {} };

describe('resolveConfig', () => {
  it("fills the seed's defaults, with stream names as OpenObserve stores them", () => {
    const config = resolveConfig({}, quiet);
    expect(config).toMatchObject({
      url: 'http://localhost:5080',
      organization: 'default',
      auth: { type: 'basic' },
      streams: {
        applicationLogs: 'application_logs',
        businessEvents: 'business_events',
        userBehavior: 'user_behavior',
        metrics: 'metrics',
        traces: 'traces',
      },
      retention: { logs: 30, metrics: 90, traces: 7, businessEvents: 365 },
      batchSize: 100,
      flushIntervalMs: 5000,
      maxRetries: 3,
      timeoutMs: 30000,
      tracing: { enabled: false, samplingRate: 0.1 },
      alerts: { enabled: false, evaluationIntervalSeconds: 60 },
    });
  });

  it('lists every problem at once, each with its field', () => {
    const problems = problemsOf(() =>
      resolveConfig(
        {
          url: 'localhost:5080',
          batchSize: -1,
          tracing: { samplingRate: 2 },
          retention: { logs: 'forever' },
        },
        quiet,
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'url',
      'retention.logs',
      'batchSize',
      'tracing.samplingRate',
    ]);
  });

  it('normalises stream names like OpenObserve and warns when a name changes', () => {
    const warnings: string[] = [];
    const config = resolveConfig(
      { streams: { businessEvents: 'Business-Events.v2' } },
      { onWarning: (w) => warnings.push(w) },
    );
    expect(config.streams.businessEvents).toBe('business_events_v2');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("'business_events_v2'");
  });

  it('takes a ready base64 Basic token, and never echoes a bad one', () => {
    const token = Buffer.from('root@example.com:Complexpass#123').toString('base64');
    expect(authorizationHeader(resolveConfig({ auth: { token } }).auth)).toBe(`Basic ${token}`);
    const problems = problemsOf(() => resolveConfig({ auth: { token: 'not-base64-secret' } }));
    expect(problems[0]!.field).toBe('auth.token');
    expect(JSON.stringify(problems)).not.toContain('not-base64-secret');
  });

  it('builds Basic from username and password (UTF-8), and Bearer for Enterprise', () => {
    const basic = resolveConfig({ auth: { username: 'ü@example.com', password: 'p:ss' } });
    expect(authorizationHeader(basic.auth)).toBe(
      `Basic ${Buffer.from('ü@example.com:p:ss').toString('base64')}`,
    );
    expect(authorizationHeader(resolveConfig({ auth: { type: 'bearer', token: 'jwt' } }).auth)).toBe(
      'Bearer jwt',
    );
    expect(problemsOf(() => resolveConfig({ auth: { type: 'bearer' } }))[0]!.field).toBe('auth.token');
    expect(problemsOf(() => resolveConfig({ auth: { username: 'u' } }))[0]!.field).toBe('auth.password');
  });
});

describe('configFromEnv', () => {
  it('reads every OPENOBSERVE_* variable', () => {
    const config = configFromEnv(
      {
        OPENOBSERVE_URL: 'https://o2.example.com/',
        OPENOBSERVE_ORGANIZATION: 'shop',
        OPENOBSERVE_USERNAME: 'svc@example.com',
        OPENOBSERVE_PASSWORD: 'pw',
        OPENOBSERVE_STREAM_APPLICATION_LOGS: 'app_logs',
        OPENOBSERVE_STREAM_BUSINESS_EVENTS: 'biz',
        OPENOBSERVE_STREAM_USER_BEHAVIOR: 'ub',
        OPENOBSERVE_STREAM_METRICS: 'm',
        OPENOBSERVE_STREAM_TRACES: 't',
        OPENOBSERVE_RETENTION_LOGS: '14d',
        OPENOBSERVE_RETENTION_METRICS: '1y',
        OPENOBSERVE_RETENTION_TRACES: '2w',
        OPENOBSERVE_RETENTION_BUSINESS_EVENTS: '400',
        OPENOBSERVE_BATCH_SIZE: '500',
        OPENOBSERVE_FLUSH_INTERVAL: '1000',
        OPENOBSERVE_MAX_RETRIES: '5',
        OPENOBSERVE_TIMEOUT: '10000',
        OPENOBSERVE_TRACING_ENABLED: 'true',
        OPENOBSERVE_TRACING_SAMPLING_RATE: '0.5',
        OPENOBSERVE_ALERTS_ENABLED: 'true',
        OPENOBSERVE_ALERTS_EVALUATION_INTERVAL: '30',
      },
      quiet,
    );
    expect(config).toMatchObject({
      url: 'https://o2.example.com',
      organization: 'shop',
      auth: { type: 'basic', username: 'svc@example.com', password: 'pw' },
      streams: {
        applicationLogs: 'app_logs',
        businessEvents: 'biz',
        userBehavior: 'ub',
        metrics: 'm',
        traces: 't',
      },
      retention: { logs: 14, metrics: 365, traces: 14, businessEvents: 400 },
      batchSize: 500,
      flushIntervalMs: 1000,
      maxRetries: 5,
      timeoutMs: 10000,
      tracing: { enabled: true, samplingRate: 0.5 },
      alerts: { enabled: true, evaluationIntervalSeconds: 30 },
    });
  });

  it("accepts the seed's hyphenated stream names, stored with underscores", () => {
    const config = configFromEnv({ OPENOBSERVE_STREAM_BUSINESS_EVENTS: 'business-events' }, quiet);
    expect(config.streams.businessEvents).toBe('business_events');
  });

  it('names the variables in its one error', () => {
    const problems = problemsOf(() =>
      configFromEnv({
        OPENOBSERVE_URL: 'o2.example.com',
        OPENOBSERVE_BATCH_SIZE: 'abc',
        OPENOBSERVE_MAX_RETRIES: '-2',
        OPENOBSERVE_TRACING_SAMPLING_RATE: '2',
        OPENOBSERVE_TRACING_ENABLED: 'maybe',
        OPENOBSERVE_AUTH_TYPE: 'digest',
        OPENOBSERVE_PASSWORD: 'hunter2',
      }),
    );
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'OPENOBSERVE_AUTH_TYPE',
        'OPENOBSERVE_BATCH_SIZE',
        'OPENOBSERVE_MAX_RETRIES',
        'OPENOBSERVE_TRACING_ENABLED',
        'OPENOBSERVE_TRACING_SAMPLING_RATE',
        'OPENOBSERVE_URL',
      ].sort(),
    );
    expect(String(problems.map((p) => p.message))).not.toContain('hunter2');
  });

  it('treats empty variables as unset', () => {
    expect(configFromEnv({ OPENOBSERVE_BATCH_SIZE: '', OPENOBSERVE_URL: '  ' }, quiet).batchSize).toBe(100);
  });
});
