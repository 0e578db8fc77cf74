import { type Context, context, propagation } from '@opentelemetry/api';

const carrierGetter = {
  keys: (carrier: { traceparent: string }) => Object.keys(carrier),
  get: (carrier: { traceparent: string }, key: string) =>
    key === 'traceparent' ? carrier.traceparent : undefined,
};

/**
 * The parent of a request's span: the trace of the `traceparent` the app set on the request
 * itself (kept as it is: a second value would make the header one no backend reads), else the
 * active context.
 */
export function requestParent(appTraceparent: string | undefined): Context {
  return appTraceparent === undefined
    ? context.active()
    : propagation.extract(context.active(), { traceparent: appTraceparent }, carrierGetter);
}
