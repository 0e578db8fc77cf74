import {
  DEFAULT_FLATTEN_LEVEL,
  DEFAULT_INGEST_ALLOWED_FUTURE_MS,
  DEFAULT_INGEST_ALLOWED_PAST_MS,
} from '@shoptel/core';
import { resolveCorsOrigins } from '../http/resolve-cors-origins.js';

/** OpenObserve's port. */
export const DEFAULT_PORT = 5080;
export const DEFAULT_HOST = '127.0.0.1';
/** OpenObserve's quick-start root user (`ZO_ROOT_USER_EMAIL`). */
export const DEFAULT_USER = 'root@example.com';
/** OpenObserve's quick-start root password (`ZO_ROOT_USER_PASSWORD`). */
export const DEFAULT_PASSWORD = 'Complexpass#123';
/** OpenObserve's `ZO_PAYLOAD_LIMIT`: 200 MiB. */
export const DEFAULT_PAYLOAD_LIMIT_BYTES = 209_715_200;
/** Longest a search may run before it is interrupted and answered 408 (code 20010). */
export const DEFAULT_SEARCH_TIMEOUT_MS = 30_000;
/** How long `stop()` lets requests in flight finish before it closes their connections. */
export const DEFAULT_STOP_GRACE_MS = 2_000;

export interface DevServerOptions {
  /** Port to listen on; 0 picks a free one. @default 5080 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /**
   * DuckDB file that keeps data across restarts. Without it the data lives in memory.
   * @example 'shoptel.duckdb'
   */
  data?: string;
  /** Force an in-memory database even when `data` is set. @default false */
  memory?: boolean;
  /** Basic-auth user. @default 'root@example.com' */
  user?: string;
  /** Basic-auth password. @default 'Complexpass#123' */
  password?: string;
  /**
   * Origins allowed by CORS besides this machine's (`http://localhost:*`, `http://127.0.0.1:*`,
   * `http://[::1]:*`, always allowed): a comma-separated string or a list of `scheme://host[:port]`,
   * `scheme://host:*` (any port), or `*` for every origin (answered `*`, without credentials).
   * @default only this machine's origins
   * @example 'https://shop.example, http://192.168.1.20:*'
   */
  corsOrigin?: string | readonly string[];
  /** Largest accepted (decompressed) body. @default 209715200 (200 MiB) */
  payloadLimitBytes?: number;
  /** How far in the past `_timestamp` may be. @default 5 h */
  allowedPastMs?: number;
  /** How far in the future `_timestamp` may be. @default 24 h */
  allowedFutureMs?: number;
  /** `ZO_INGEST_FLATTEN_LEVEL`: nesting depth flattened with `_`; 0 = unlimited. @default 3 */
  flattenLevel?: number;
  /** RUM token accepted by `/rum/v1/…`; undefined accepts any non-empty key. */
  rumToken?: string;
  /** Worker threads that parse ingestion bodies; 0 parses on the main thread. @default cores - 1, at most 2 */
  ingestWorkers?: number;
  /**
   * Longest a search may run (including the wait for a free read connection); it is then
   * interrupted and answered 408 `{"code":20010,…}`. 0 = no limit. @default 30000
   */
  searchTimeoutMs?: number;
  /**
   * DuckDB's `memory_limit`, so that one query cannot take the machine's memory; beyond it DuckDB
   * spills to a temporary directory or fails the query (20008).
   * @default '2GB'
   * @example '512MB'
   */
  memoryLimit?: string;
  /**
   * How long `stop()` waits for requests in flight before it closes their connections (rows
   * already accepted are still loaded). @default 2000
   */
  stopGraceMs?: number;
  /**
   * How often rows past a stream's `data_retention` are deleted (also whenever its settings are
   * set). @default 3600000 (an hour)
   */
  retentionSweepMs?: number;
  /** Log one line per request to stderr. @default false */
  log?: boolean;
}

export interface ResolvedDevServerOptions {
  port: number;
  host: string;
  dataPath: string | undefined;
  user: string;
  password: string;
  corsOrigins: string[];
  payloadLimitBytes: number;
  allowedPastMs: number;
  allowedFutureMs: number;
  flattenLevel: number;
  rumToken: string | undefined;
  ingestWorkers: number;
  searchTimeoutMs: number;
  memoryLimit: string | undefined;
  stopGraceMs: number;
  retentionSweepMs: number;
  log: boolean;
}

/** Rows past retention are deleted this often (OpenObserve's compactor works on its own schedule). */
export const DEFAULT_RETENTION_SWEEP_MS = 3_600_000;

/** Applies defaults once; everything else reads the resolved values. */
export function resolveDevServerOptions(options: DevServerOptions, cores: number): ResolvedDevServerOptions {
  return {
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? DEFAULT_HOST,
    dataPath: options.memory ? undefined : options.data,
    user: options.user ?? DEFAULT_USER,
    password: options.password ?? DEFAULT_PASSWORD,
    corsOrigins: resolveCorsOrigins(options.corsOrigin),
    payloadLimitBytes: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES,
    allowedPastMs: options.allowedPastMs ?? DEFAULT_INGEST_ALLOWED_PAST_MS,
    allowedFutureMs: options.allowedFutureMs ?? DEFAULT_INGEST_ALLOWED_FUTURE_MS,
    flattenLevel: options.flattenLevel ?? DEFAULT_FLATTEN_LEVEL,
    rumToken: options.rumToken,
    ingestWorkers: options.ingestWorkers ?? Math.max(0, Math.min(2, cores - 1)),
    searchTimeoutMs: options.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS,
    memoryLimit: options.memoryLimit,
    stopGraceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    retentionSweepMs: options.retentionSweepMs ?? DEFAULT_RETENTION_SWEEP_MS,
    log: options.log ?? false,
  };
}
