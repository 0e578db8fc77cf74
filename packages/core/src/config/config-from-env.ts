import type { ConfigProblem } from './config-error.js';
import type { ShoptelConfig, ShoptelOptions } from './config-types.js';
import { type ResolveConfigContext, resolveConfig } from './resolve-config.js';

/** The environment as a plain map (`process.env` in Node). */
export type Env = Readonly<Record<string, string | undefined>>;

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Which env variable feeds which option, so errors name the variable the user set. */
const ENV_FIELD_NAMES: Record<string, string> = {
  url: 'OPENOBSERVE_URL',
  organization: 'OPENOBSERVE_ORGANIZATION',
  'auth.type': 'OPENOBSERVE_AUTH_TYPE',
  'auth.token': 'OPENOBSERVE_TOKEN',
  'auth.username': 'OPENOBSERVE_USERNAME',
  'auth.password': 'OPENOBSERVE_PASSWORD',
  'streams.applicationLogs': 'OPENOBSERVE_STREAM_APPLICATION_LOGS',
  'streams.businessEvents': 'OPENOBSERVE_STREAM_BUSINESS_EVENTS',
  'streams.userBehavior': 'OPENOBSERVE_STREAM_USER_BEHAVIOR',
  'streams.metrics': 'OPENOBSERVE_STREAM_METRICS',
  'streams.traces': 'OPENOBSERVE_STREAM_TRACES',
  'retention.logs': 'OPENOBSERVE_RETENTION_LOGS',
  'retention.metrics': 'OPENOBSERVE_RETENTION_METRICS',
  'retention.traces': 'OPENOBSERVE_RETENTION_TRACES',
  'retention.businessEvents': 'OPENOBSERVE_RETENTION_BUSINESS_EVENTS',
  batchSize: 'OPENOBSERVE_BATCH_SIZE',
  flushIntervalMs: 'OPENOBSERVE_FLUSH_INTERVAL',
  maxRetries: 'OPENOBSERVE_MAX_RETRIES',
  timeoutMs: 'OPENOBSERVE_TIMEOUT',
  'tracing.enabled': 'OPENOBSERVE_TRACING_ENABLED',
  'tracing.samplingRate': 'OPENOBSERVE_TRACING_SAMPLING_RATE',
  'alerts.enabled': 'OPENOBSERVE_ALERTS_ENABLED',
  'alerts.evaluationIntervalSeconds': 'OPENOBSERVE_ALERTS_EVALUATION_INTERVAL',
};

/**
 * Reads the seed's `OPENOBSERVE_*` variables (plus `OPENOBSERVE_AUTH_TYPE`, `_USERNAME`,
 * `_PASSWORD`) into a resolved config. Unset or empty variables take the defaults. Throws one
 * `ShoptelConfigError` naming every bad variable, e.g. `OPENOBSERVE_BATCH_SIZE=abc`.
 *
 * @example const config = configFromEnv(process.env);
 */
export function configFromEnv(
  env: Env,
  context: Omit<ResolveConfigContext, 'fieldNames' | 'problems'> = {},
): ShoptelConfig {
  const problems: ConfigProblem[] = [];
  const text = (key: string) => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const secret = (key: string) => {
    const value = env[key];
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      problems.push({ field: key, message: `expected a whole number; got '${value}'` });
      return undefined;
    }
    return Number(value);
  };
  const decimal = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    // Number() also reads '0x1' and '0b1' (as 1): accept only decimal notation.
    if (!DECIMAL.test(value) || !Number.isFinite(parsed)) {
      problems.push({ field: key, message: `expected a number; got '${value}'` });
      return undefined;
    }
    return parsed;
  };
  const flag = (key: string) => {
    const value = text(key)?.toLowerCase();
    if (value === undefined) return undefined;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    problems.push({ field: key, message: `expected true or false; got '${value}'` });
    return undefined;
  };

  const authType = text('OPENOBSERVE_AUTH_TYPE')?.toLowerCase();
  const options: ShoptelOptions = {
    url: text('OPENOBSERVE_URL'),
    organization: text('OPENOBSERVE_ORGANIZATION'),
    auth: {
      type: authType as 'basic' | 'bearer' | undefined,
      token: secret('OPENOBSERVE_TOKEN'),
      username: text('OPENOBSERVE_USERNAME'),
      password: secret('OPENOBSERVE_PASSWORD'),
    },
    streams: {
      applicationLogs: text('OPENOBSERVE_STREAM_APPLICATION_LOGS'),
      businessEvents: text('OPENOBSERVE_STREAM_BUSINESS_EVENTS'),
      userBehavior: text('OPENOBSERVE_STREAM_USER_BEHAVIOR'),
      metrics: text('OPENOBSERVE_STREAM_METRICS'),
      traces: text('OPENOBSERVE_STREAM_TRACES'),
    },
    retention: {
      logs: text('OPENOBSERVE_RETENTION_LOGS'),
      metrics: text('OPENOBSERVE_RETENTION_METRICS'),
      traces: text('OPENOBSERVE_RETENTION_TRACES'),
      businessEvents: text('OPENOBSERVE_RETENTION_BUSINESS_EVENTS'),
    },
    batchSize: integer('OPENOBSERVE_BATCH_SIZE'),
    flushIntervalMs: integer('OPENOBSERVE_FLUSH_INTERVAL'),
    maxRetries: integer('OPENOBSERVE_MAX_RETRIES'),
    timeoutMs: integer('OPENOBSERVE_TIMEOUT'),
    tracing: {
      enabled: flag('OPENOBSERVE_TRACING_ENABLED'),
      samplingRate: decimal('OPENOBSERVE_TRACING_SAMPLING_RATE'),
    },
    alerts: {
      enabled: flag('OPENOBSERVE_ALERTS_ENABLED'),
      evaluationIntervalSeconds: integer('OPENOBSERVE_ALERTS_EVALUATION_INTERVAL'),
    },
  };
  return resolveConfig(withoutUndefined(options), { ...context, fieldNames: ENV_FIELD_NAMES, problems });
}

/** Drops unset keys so `??` defaults apply and `'x' in options` stays honest. */
function withoutUndefined<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    out[key] = withoutUndefined(inner);
  }
  return out as T;
}
