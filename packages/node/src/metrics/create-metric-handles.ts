import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { createSeriesStore } from './create-series-store.js';
import type { HistogramMetricEntry, HistogramState, ValueMetricEntry, ValueState } from './metric-entry.js';
import type { Counter, Gauge, Histogram, Labels } from './metric-types.js';
import { cumulative } from './snapshot-metric.js';

/** What every metric starts from: checked name, description, constant labels, limits. */
export interface EntryBase {
  name: string;
  description: string;
  unit: string | undefined;
  constLabels: Record<string, string>;
  maxSeries: number;
  report: ErrorReporter;
}

/** Reports the first bad value of a metric (later ones are dropped quietly). */
function createBadValueReport(name: string, report: ErrorReporter) {
  let reported = false;
  return (what: string, value: unknown) => {
    if (reported) return;
    reported = true;
    report({
      reason: NodeErrorReason.invalidInput,
      message: `metric '${name}': ${what}; got ${String(value)} (ignored)`,
      count: 1,
    });
  };
}

/** A counter or a gauge: one number per series. */
export function createValueEntry(type: 'counter' | 'gauge', base: EntryBase): ValueMetricEntry {
  const { name, description, unit, constLabels, maxSeries, report } = base;
  const store = createSeriesStore<ValueState>({
    metricName: name,
    constLabels,
    maxSeries,
    newState: () => ({ value: 0 }),
    report,
  });
  const bad = createBadValueReport(name, report);
  const get = (labels?: Labels) => store.peek(labels)?.value ?? 0;
  const add = (delta: number, labels: Labels | undefined) => {
    const series = store.resolve(labels);
    if (series !== undefined) series.value += delta;
  };
  let handle: Counter | Gauge;
  if (type === 'counter') {
    handle = {
      inc(value = 1, labels) {
        if (typeof value === 'number' && value >= 0 && value !== Number.POSITIVE_INFINITY) add(value, labels);
        else bad('a counter only goes up by a finite amount', value);
      },
      get,
    };
  } else {
    handle = {
      set(value, labels) {
        if (!Number.isFinite(value)) return bad('a gauge takes finite numbers', value);
        const series = store.resolve(labels);
        if (series !== undefined) series.value = value;
      },
      inc: (value = 1, labels) =>
        Number.isFinite(value) ? add(value, labels) : bad('a gauge takes finite numbers', value),
      dec: (value = 1, labels) =>
        Number.isFinite(value) ? add(-value, labels) : bad('a gauge takes finite numbers', value),
      get,
    };
  }
  return { type, name, description, unit, constLabels, store, handle };
}

/** A histogram: per-bucket counts, sum and count per series. */
export function createHistogramEntry(base: EntryBase, bounds: number[]): HistogramMetricEntry {
  const { name, description, unit, constLabels, maxSeries, report } = base;
  const store = createSeriesStore<HistogramState>({
    metricName: name,
    constLabels,
    maxSeries,
    newState: () => ({ counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 }),
    report,
  });
  const bad = createBadValueReport(name, report);
  const handle: Histogram = {
    observe(value, labels) {
      if (!Number.isFinite(value)) return bad('a histogram observes finite numbers', value);
      const series = store.resolve(labels);
      if (series === undefined) return;
      let index = 0;
      while (index < bounds.length && value > bounds[index]!) index++;
      series.counts[index]!++;
      series.sum += value;
      series.count++;
    },
    getBuckets: () => [...bounds],
    getCounts() {
      const totals = new Array<number>(bounds.length + 1).fill(0);
      for (const { state } of store.all())
        for (let i = 0; i < totals.length; i++) totals[i]! += state.counts[i]!;
      return cumulative(totals);
    },
  };
  return { type: 'histogram', name, description, unit, constLabels, buckets: bounds, store, handle };
}
