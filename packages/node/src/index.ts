// The public API of @shoptel/node, by module path.

export { configFromEnv } from './config/config-from-env.js';
export {
  DEFAULT_CURRENCY,
  DEFAULT_MAX_SERIES_PER_METRIC,
  DEFAULT_METRICS_PUSH_INTERVAL_MS,
  DEFAULT_MIN_LEVEL,
  DEFAULT_SERVICE_NAME,
} from './config/node-defaults.js';
export type { NodeSettings, ShoptelNodeConfig, ShoptelNodeOptions } from './config/node-options.js';
export { DEFAULT_TRACE_QUEUE_SIZE } from './config/resolve-node-options.js';
export {
  getRequestContext,
  type RequestContext,
  runWithRequestContext,
  setRequestUser,
} from './context/request-context.js';
export { NodeErrorReason, type ShoptelNodeError } from './errors/node-error.js';
export type { BusinessLogger } from './logger/create-business-logger.js';
export { LogLevel } from './logger/log-level.js';
export {
  type BusinessContext,
  type BusinessLogEntry,
  LogCategory,
  type LogMetadata,
} from './logger/log-types.js';
export { createShoptel, type Shoptel } from './shoptel/create-shoptel.js';
export type { ExitHookOptions } from './shoptel/start-exit-hooks.js';
export { SDK_VERSION } from './version.js';
