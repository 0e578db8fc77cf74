// The public API of @shoptel/core, by module path. Node-only pieces: '@shoptel/core/node'.

export type { BeforeSend, ClientOptions } from './batch/client-options.js';
export type { ClientCounts, ClientStats } from './batch/client-stats.js';
export { createClient, type ShoptelClient } from './batch/create-client.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './batch/create-shutdown.js';
export { type DeliveryError, DeliveryErrorReason } from './batch/delivery-error.js';
export { type Clock, systemClock, type TimerHandle } from './clock/clock.js';
export type { Compressor } from './compress/compressor.js';
export { authorizationHeader } from './config/authorization-header.js';
export { type ConfigProblem, ShoptelConfigError } from './config/config-error.js';
export { configFromEnv, type Env } from './config/config-from-env.js';
export type {
  AuthType,
  RetentionDays,
  ShoptelConfig,
  ShoptelOptions,
  StreamNames,
} from './config/config-types.js';
export { createCredentialRedactor } from './config/create-credential-redactor.js';
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_ORGANIZATION,
  DEFAULT_STREAMS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_URL,
} from './config/defaults.js';
export { type ResolveConfigContext, resolveConfig } from './config/resolve-config.js';
export { createSearchClient } from './search/create-search-client.js';
export {
  OpenObserveQueryError,
  type QueryErrorCode,
  type QueryErrorDetails,
} from './search/openobserve-query-error.js';
export { DEFAULT_SEARCH_PAGE_SIZE } from './search/search-all-rows.js';
export type {
  SearchAbortSignal,
  SearchAllRequest,
  SearchClient,
  SearchClientConfig,
  SearchClientOptions,
  SearchRequest,
  SearchResult,
  SearchStreamType,
  SearchTime,
  SearchType,
} from './search/search-types.js';
export { type SqlTag, sql } from './search/sql.js';
export { isSqlFragment, type SqlFragment } from './search/sql-fragment.js';
export type { SqlScalar, SqlValue } from './search/to-sql-literal.js';
export { createMemoryStorage, type Storage } from './storage/storage.js';
export { createKyTransport, type KyTransportOptions } from './transport/create-ky-transport.js';
export type {
  AbortSignalLike,
  Transport,
  TransportFailureKind,
  TransportRequest,
  TransportResponse,
} from './transport/transport.js';
export { TransportError } from './transport/transport.js';
export { DEFAULT_FLATTEN_LEVEL, FLATTEN_SEPARATOR } from './wire/flatten-rules.js';
export { maskCardData } from './wire/mask-card-data.js';
export { maskCardNumbers, maskCardNumberValue } from './wire/mask-card-numbers.js';
export { isSensitiveFieldName, REDACTED } from './wire/mask-sensitive-data.js';
export { createFieldNameCache, normalizeFieldName } from './wire/normalize-field-name.js';
export { normalizeStreamName } from './wire/normalize-stream-name.js';
export {
  clampToIngestWindow,
  DEFAULT_INGEST_ALLOWED_FUTURE_MS,
  DEFAULT_INGEST_ALLOWED_PAST_MS,
  type IngestWindow,
  parseTimestampString,
  toMicroseconds,
} from './wire/timestamp.js';
export { createUuidV7Generator } from './wire/uuid-v7.js';
