/** How requests authenticate. OpenObserve OSS accepts only Basic; Enterprise also takes Bearer. */
export type AuthType = 'basic' | 'bearer';

/** Stream names, one per kind of data; normalised the way OpenObserve does. */
export interface StreamNames {
  /** @default 'application_logs' (seed: `application-logs`) */
  applicationLogs: string;
  /** @default 'business_events' (seed: `business-events`) */
  businessEvents: string;
  /** @default 'user_behavior' (seed: `user-behavior`) */
  userBehavior: string;
  /** @default 'metrics' */
  metrics: string;
  /** @default 'traces' */
  traces: string;
}

/** Retention per kind of stream, in whole days (OpenObserve's `data_retention`). */
export interface RetentionDays {
  /** @default 30 */
  logs: number;
  /** @default 90 */
  metrics: number;
  /** @default 7 */
  traces: number;
  /** @default 365 */
  businessEvents: number;
}

/** Options as a user writes them: everything optional, camelCase, units in names. */
export interface ShoptelOptions {
  /** OpenObserve base URL with scheme. @default 'http://localhost:5080' */
  url?: string;
  /** @default 'default' */
  organization?: string;
  auth?: {
    /** @default 'basic' */
    type?: AuthType;
    /** Bearer token, or with `basic` the ready base64 `user:password` string OpenObserve's UI shows. */
    token?: string;
    username?: string;
    password?: string;
  };
  streams?: Partial<StreamNames>;
  /** Days, or strings like `'30d'` as in the seed. */
  retention?: Partial<Record<keyof RetentionDays, number | string>>;
  /** Records per request. @default 100 */
  batchSize?: number;
  /** A batch is sent at most this long after its first record was queued. @default 5000 */
  flushIntervalMs?: number;
  /** Retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  tracing?: {
    /** @default false */
    enabled?: boolean;
    /** Fraction of root traces kept, 0..1. @default 0.1 */
    samplingRate?: number;
  };
  alerts?: {
    /** @default false */
    enabled?: boolean;
    /** @default 60 */
    evaluationIntervalSeconds?: number;
  };
}

/** Options after validation and defaults: every field present. */
export interface ShoptelConfig {
  url: string;
  organization: string;
  auth: { type: AuthType; token?: string; username?: string; password?: string };
  streams: StreamNames;
  retention: RetentionDays;
  batchSize: number;
  flushIntervalMs: number;
  maxRetries: number;
  timeoutMs: number;
  tracing: { enabled: boolean; samplingRate: number };
  alerts: { enabled: boolean; evaluationIntervalSeconds: number };
}
