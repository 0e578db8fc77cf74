/** Where spans go by default: `@shoptel/node`'s `traceRelay()`, same origin. */
export const DEFAULT_TRACES_ENDPOINT = '/shoptel/traces';

/**
 * Options of `startTracing()`.
 *
 * @example startTracing({ serviceName: 'storefront', propagateTo: ['https://api.shop.example'] })
 */
export interface TracingOptions {
  /** `service.name` of the storefront's spans. @default 'storefront' */
  serviceName?: string;
  /**
   * OTLP/HTTP traces endpoint the spans are posted to (JSON): `@shoptel/node`'s `traceRelay()`
   * on the shop's origin, another backend route that forwards to OpenObserve, or OpenObserve's
   * `/api/{org}/v1/traces` with `headers`. @default '/shoptel/traces'
   */
  exportUrl?: string;
  /**
   * Headers of the export request, e.g. an ingestion-only token, and `'stream-name': 'traces'`
   * when exporting to OpenObserve directly (else its `default` stream). @default {}
   */
  headers?: Record<string, string>;
  /**
   * Other origins (strings: URL prefixes; or regular expressions) whose requests get `traceparent`.
   * Same-origin requests always do. @default []
   */
  propagateTo?: (string | RegExp)[];
}
