import type { SeriesStore } from './create-series-store.js';
import type { Counter, Gauge, Histogram } from './metric-types.js';

export interface ValueState {
  value: number;
}

export interface HistogramState {
  /** Per bucket plus `+Inf`, not cumulative. */
  counts: number[];
  sum: number;
  count: number;
}

interface EntryBase {
  name: string;
  description: string;
  unit: string | undefined;
  constLabels: Record<string, string>;
}

/** A registered counter or gauge, as the registry keeps it. */
export interface ValueMetricEntry extends EntryBase {
  type: 'counter' | 'gauge';
  store: SeriesStore<ValueState>;
  handle: Counter | Gauge;
}

/** A registered histogram, as the registry keeps it. */
export interface HistogramMetricEntry extends EntryBase {
  type: 'histogram';
  /** Upper bounds, ascending, without `+Inf`. */
  buckets: number[];
  store: SeriesStore<HistogramState>;
  handle: Histogram;
}

/** What the snapshot, text and push formats read. */
export type MetricEntry = ValueMetricEntry | HistogramMetricEntry;
