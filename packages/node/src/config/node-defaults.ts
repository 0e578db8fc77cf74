import { LogLevel } from '../logger/log-level.js';

/** The seed's service name; set `serviceName` (or `OPENOBSERVE_SERVICE_NAME`) to your own. */
export const DEFAULT_SERVICE_NAME = 'caddy-shopping-backend';
/** The seed's currency; set `currency` (or `OPENOBSERVE_CURRENCY`) to yours. */
export const DEFAULT_CURRENCY = 'CNY';
export const DEFAULT_MIN_LEVEL: LogLevel = LogLevel.INFO;
/** How often metrics are pushed to OpenObserve (Prometheus' default scrape interval). */
export const DEFAULT_METRICS_PUSH_INTERVAL_MS = 15_000;
/** Series per metric before new label sets fold into one overflow series. */
export const DEFAULT_MAX_SERIES_PER_METRIC = 1000;
