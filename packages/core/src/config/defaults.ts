import type { RetentionDays, StreamNames } from './config-types.js';

export const DEFAULT_URL = 'http://localhost:5080';
export const DEFAULT_ORGANIZATION = 'default';
/** The seed's names; OpenObserve turns `-` into `_`, so these are what it stores. */
export const DEFAULT_STREAMS: StreamNames = {
  applicationLogs: 'application_logs',
  businessEvents: 'business_events',
  userBehavior: 'user_behavior',
  metrics: 'metrics',
  traces: 'traces',
};
export const DEFAULT_RETENTION_DAYS: RetentionDays = {
  logs: 30,
  metrics: 90,
  traces: 7,
  businessEvents: 365,
};
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_FLUSH_INTERVAL_MS = 5000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_TRACING_SAMPLING_RATE = 0.1;
export const DEFAULT_ALERTS_EVALUATION_INTERVAL_SECONDS = 60;
