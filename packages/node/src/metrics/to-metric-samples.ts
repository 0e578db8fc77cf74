import type { MetricEntry } from './metric-entry.js';
import { cumulative } from './snapshot-metric.js';
import { formatNumber } from './to-prometheus-text.js';

/** One record of OpenObserve's `/ingest/metrics/_json`: labels are plain string fields. */
export type MetricSample = Record<string, string | number>;

/**
 * Every series as OpenObserve's metrics samples (`wire-format.md`): `{__name__, __type__, ...labels,
 * _timestamp, value}`; histograms as `<name>_bucket` (label `le`, last `+Inf`), `<name>_sum` and
 * `<name>_count` counters. Values are cumulative, so a lost push loses no count. `extraLabels`
 * (the service) go into every sample unless the series has that label.
 */
export function toMetricSamples(
  entries: Iterable<MetricEntry>,
  timestampUs: number,
  extraLabels: Readonly<Record<string, string>>,
): MetricSample[] {
  const samples: MetricSample[] = [];
  const sample = (name: string, type: string, labels: Readonly<Record<string, string>>, value: number) => {
    samples.push({
      ...extraLabels,
      ...labels,
      __name__: name,
      __type__: type,
      _timestamp: timestampUs,
      value,
    });
  };
  for (const entry of entries) {
    if (entry.type !== 'histogram') {
      for (const { labels, state } of entry.store.all()) sample(entry.name, entry.type, labels, state.value);
      continue;
    }
    for (const { labels, state } of entry.store.all()) {
      cumulative(state.counts).forEach((count, i) => {
        const le = i < entry.buckets.length ? formatNumber(entry.buckets[i]!) : '+Inf';
        sample(`${entry.name}_bucket`, 'counter', { ...labels, le }, count);
      });
      sample(`${entry.name}_sum`, 'counter', labels, state.sum);
      sample(`${entry.name}_count`, 'counter', labels, state.count);
    }
  }
  return samples;
}
