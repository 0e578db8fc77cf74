/** Label values of one series; numbers and booleans are stored as strings. */
export type Labels = Readonly<Record<string, string | number | boolean>>;

export const MetricType = { counter: 'counter', gauge: 'gauge', histogram: 'histogram' } as const;
export type MetricType = (typeof MetricType)[keyof typeof MetricType];

/** A monotonically increasing count, one series per label set. */
export interface Counter {
  /** Adds `value` (default 1, must be ≥ 0) to the series of `labels`. */
  inc(value?: number, labels?: Labels): void;
  /** The value of the series of `labels` (constant labels only when omitted). */
  get(labels?: Labels): number;
}

/** A value that goes up and down, one series per label set. */
export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(value?: number, labels?: Labels): void;
  dec(value?: number, labels?: Labels): void;
  get(labels?: Labels): number;
}

/** Observations counted into buckets, one series per label set. */
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** Upper bounds, ascending, without `+Inf`. */
  getBuckets(): number[];
  /** Cumulative counts per bucket plus `+Inf`, summed over all series. */
  getCounts(): number[];
}

/** One series in {@link MetricSnapshot}. */
export interface SeriesSnapshot {
  labels: Record<string, string>;
  /** Counter and gauge value. */
  value?: number;
  /** Histogram: cumulative counts per bucket plus `+Inf`, sum and count. */
  counts?: number[];
  sum?: number;
  count?: number;
}

/** What `getAllMetrics()` returns per metric name (the seed's shape, plus every series). */
export interface MetricSnapshot {
  type: MetricType;
  description: string;
  unit?: string;
  /** Constant labels given at registration. */
  labels: Record<string, string>;
  /** Counter/gauge: the value of the series without extra labels. */
  value?: number;
  /** Histogram: bucket bounds, and cumulative counts, sum and count over all series. */
  buckets?: number[];
  counts?: number[];
  sum?: number;
  count?: number;
  series: SeriesSnapshot[];
}

/** Options after the seed's positional arguments. */
export interface MetricOptions {
  /** Unit, reported in `getAllMetrics()` (`seconds`, `count`, `percent`, …). */
  unit?: string;
}
