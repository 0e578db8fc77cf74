import type { MetricEntry } from './metric-entry.js';
import type { MetricSnapshot } from './metric-types.js';

/** Running sums of per-bucket counts: what `_bucket{le=…}` and `getCounts()` report. */
export function cumulative(counts: readonly number[]): number[] {
  const out: number[] = [];
  let total = 0;
  for (const count of counts) {
    total += count;
    out.push(total);
  }
  return out;
}

/** A copy of one metric's state, for `getAllMetrics()`. */
export function snapshotMetric(entry: MetricEntry): MetricSnapshot {
  const snapshot: MetricSnapshot = {
    type: entry.type,
    description: entry.description,
    labels: { ...entry.constLabels },
    series: [],
  };
  if (entry.unit !== undefined) snapshot.unit = entry.unit;
  if (entry.type !== 'histogram') {
    for (const { labels, state } of entry.store.all())
      snapshot.series.push({ labels: { ...labels }, value: state.value });
    snapshot.value = entry.store.peek(undefined)?.value ?? 0;
    return snapshot;
  }
  const totals = new Array<number>(entry.buckets.length + 1).fill(0);
  let sum = 0;
  let count = 0;
  for (const { labels, state } of entry.store.all()) {
    snapshot.series.push({
      labels: { ...labels },
      counts: cumulative(state.counts),
      sum: state.sum,
      count: state.count,
    });
    for (let i = 0; i < totals.length; i++) totals[i]! += state.counts[i]!;
    sum += state.sum;
    count += state.count;
  }
  snapshot.buckets = [...entry.buckets];
  snapshot.counts = cumulative(totals);
  snapshot.sum = sum;
  snapshot.count = count;
  return snapshot;
}
