import type { ErrorReporter } from '../errors/node-error.js';
import { createHistogramEntry, createValueEntry, type EntryBase } from './create-metric-handles.js';
import { maskLabelValue } from './mask-label-value.js';
import type { MetricEntry } from './metric-entry.js';
import { assertMetricName, labelNameProblem, labelValue } from './metric-names.js';
import {
  type Counter,
  type Gauge,
  type Histogram,
  type Labels,
  type MetricOptions,
  type MetricSnapshot,
  MetricType,
} from './metric-types.js';
import { snapshotMetric } from './snapshot-metric.js';
import { toPrometheusText } from './to-prometheus-text.js';

/** prom-client's default buckets, in seconds. */
export const DEFAULT_HISTOGRAM_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** The seed's `CustomMetricsRegistry`: metrics aggregated in memory, read or pushed per interval. */
export interface MetricsRegistry {
  /**
   * A counter; re-registering the same name returns it.
   * @example const orders = metrics.registerCounter('orders_total', 'Orders placed'); orders.inc(1, { status: 'paid' });
   */
  registerCounter(name: string, description: string, labels?: Labels, options?: MetricOptions): Counter;
  /** A gauge; re-registering the same name returns it. */
  registerGauge(name: string, description: string, labels?: Labels, options?: MetricOptions): Gauge;
  /** A histogram; `buckets` default to prom-client's (seconds). */
  registerHistogram(
    name: string,
    description: string,
    buckets?: readonly number[],
    labels?: Labels,
    options?: MetricOptions,
  ): Histogram;
  /** Every metric with its series, by name. */
  getAllMetrics(): Record<string, MetricSnapshot>;
  /** Prometheus text format 0.0.4, for a `/metrics` endpoint. */
  toPrometheusText(): string;
  /** The registered metrics, for the push. */
  entries(): Iterable<MetricEntry>;
}

/**
 * Creates the registry. Registration checks names and throws a `TypeError` naming the problem (a
 * programming error, found at start-up); the same name and type again returns the existing
 * metric, another type throws. Recording calls never throw: bad values and labels are dropped and
 * reported once per metric.
 */
export function createMetricsRegistry(deps: {
  maxSeriesPerMetric: number;
  report: ErrorReporter;
  /** Called after each new registration (starts the push). */
  onRegister?: () => void;
}): MetricsRegistry {
  const metrics = new Map<string, MetricEntry>();
  /** Names a histogram writes besides its own (`_bucket`, `_sum`, `_count`), by owner. */
  const derivedNames = new Map<string, string>();

  function register(
    type: MetricType,
    name: string,
    description: string,
    labels: Labels | undefined,
    options: MetricOptions | undefined,
    build: (base: EntryBase) => MetricEntry,
  ): MetricEntry {
    assertMetricName(name);
    const existing = metrics.get(name);
    if (existing !== undefined) {
      if (existing.type === type) return existing;
      throw new TypeError(`metric '${name}' is already registered as a ${existing.type}, not a ${type}`);
    }
    const owner = derivedNames.get(name);
    if (owner !== undefined) throw new TypeError(`metric name '${name}' is written by histogram '${owner}'`);
    const derived = type === MetricType.histogram ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [];
    for (const other of derived) {
      if (metrics.has(other))
        throw new TypeError(`histogram '${name}' would write '${other}', already a metric`);
    }
    const entry = build({
      name,
      description: typeof description === 'string' ? description : '',
      unit: options?.unit,
      constLabels: checkConstLabels(name, labels),
      maxSeries: deps.maxSeriesPerMetric,
      report: deps.report,
    });
    metrics.set(name, entry);
    for (const other of derived) derivedNames.set(other, name);
    deps.onRegister?.();
    return entry;
  }

  return {
    registerCounter: (name, description, labels, options) =>
      register(MetricType.counter, name, description, labels, options, (base) =>
        createValueEntry('counter', base),
      ).handle as Counter,
    registerGauge: (name, description, labels, options) =>
      register(MetricType.gauge, name, description, labels, options, (base) =>
        createValueEntry('gauge', base),
      ).handle as Gauge,
    registerHistogram(name, description, buckets = DEFAULT_HISTOGRAM_BUCKETS, labels, options) {
      assertMetricName(name);
      const bounds = checkBuckets(name, buckets);
      if (labels !== undefined && Object.hasOwn(labels, 'le')) {
        throw new TypeError(`histogram '${name}': label 'le' is reserved`);
      }
      return register(MetricType.histogram, name, description, labels, options, (base) =>
        createHistogramEntry(base, bounds),
      ).handle as Histogram;
    },
    getAllMetrics() {
      const all: Record<string, MetricSnapshot> = {};
      for (const entry of metrics.values()) all[entry.name] = snapshotMetric(entry);
      return all;
    },
    toPrometheusText: () => toPrometheusText(metrics.values()),
    entries: () => metrics.values(),
  };
}

function checkConstLabels(name: string, labels: Labels | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (labels === undefined) return out;
  if (Array.isArray(labels))
    // prom-client's `labelNames` habit: without this it read as "label '0' must match …".
    throw new TypeError(
      `metric '${name}': labels are constant labels, an object such as { region: 'eu' }; got an array (label names need no declaring: pass them when observing, inc(1, { status: 'paid' }))`,
    );
  if (typeof labels !== 'object' || labels === null)
    throw new TypeError(`metric '${name}': labels must be an object`);
  for (const [label, raw] of Object.entries(labels)) {
    const problem = labelNameProblem(label);
    if (problem !== undefined) throw new TypeError(`metric '${name}': ${problem}`);
    const value = labelValue(raw);
    if (value === undefined) throw new TypeError(`metric '${name}': label '${label}' needs a string value`);
    out[label] = maskLabelValue(label, value);
  }
  return out;
}

function checkBuckets(name: string, buckets: readonly number[]): number[] {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new TypeError(`histogram '${name}': buckets must be a non-empty array of numbers`);
  }
  const sorted = [...buckets].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    const bound = sorted[i];
    if (typeof bound !== 'number' || !Number.isFinite(bound)) {
      throw new TypeError(
        `histogram '${name}': bucket ${String(bound)} is not a finite number (+Inf is implied)`,
      );
    }
    if (i > 0 && bound === sorted[i - 1])
      throw new TypeError(`histogram '${name}': bucket ${bound} appears twice`);
  }
  return sorted;
}
