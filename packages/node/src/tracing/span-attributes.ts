// Span attribute names. Stable semantic conventions come from the package; incubating ones are
// copied here, as OpenTelemetry advises (their module may change in a minor release).
export {
  ATTR_CLIENT_ADDRESS,
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';

/** Incubating: `messaging.destination.name`. */
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
/** Incubating: `messaging.operation.name`. */
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
/** Incubating: `messaging.operation.type` (`send`, `receive`, `process`, `create`, `settle`). */
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';

/** shoptel's own: which helper started the span. */
export const ATTR_OPERATION_TYPE = 'shoptel.operation.type';
/** shoptel's own: the cache key of a cache span (no semantic convention covers caches). */
export const ATTR_CACHE_KEY = 'shoptel.cache.key';

/** Business ids given in camelCase, as the wire format names them on spans. */
export const BUSINESS_ID_ATTRIBUTES: Readonly<Record<string, string>> = {
  orderId: 'order.id',
  paymentId: 'payment.id',
  productId: 'product.id',
  cartId: 'cart.id',
  userId: 'user.id',
  sessionId: 'session.id',
};
