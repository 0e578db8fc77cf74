// `@shoptel/browser/tracing`: OpenTelemetry web tracing for the storefront, a separate entry so
// the base bundle stays small.
export { type StorefrontTracing, startTracing } from './start-tracing.js';
export { DEFAULT_TRACES_ENDPOINT, type TracingOptions } from './tracing-options.js';
