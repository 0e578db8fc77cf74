import type { DeliveryError, DeliveryErrorReason } from '@shoptel/core';

/**
 * Reasons the node package adds to core's delivery reasons. Every one is reported through the
 * same `onError`, so a host watches one callback for everything shoptel could not do.
 */
export const NodeErrorReason = {
  /** A logger, behaviour or metrics call got input it could not use; nothing was recorded. */
  invalidInput: 'invalid_input',
  /** A metric reached its series cap; further label sets go to its overflow series. */
  cardinalityLimit: 'cardinality_limit',
  /** A metrics push failed; the next push carries the cumulative values again. */
  metricsPushFailed: 'metrics_push_failed',
  /** The trace exporter could not deliver a batch of spans. */
  traceExportFailed: 'trace_export_failed',
} as const;
export type NodeErrorReason = (typeof NodeErrorReason)[keyof typeof NodeErrorReason];

/** What the node package's `onError` receives: a core delivery error or one of the node reasons. */
export interface ShoptelNodeError extends Omit<DeliveryError, 'reason'> {
  reason: DeliveryErrorReason | NodeErrorReason;
}

/** The callback every part reports through. */
export type ErrorReporter = (error: ShoptelNodeError) => void;
