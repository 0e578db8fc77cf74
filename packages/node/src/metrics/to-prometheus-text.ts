import type { MetricEntry } from './metric-entry.js';
import { cumulative } from './snapshot-metric.js';

/** Prometheus' spelling of a number (`+Inf`, `-Inf`, `NaN`). */
export function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeValue = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Readonly<Record<string, string>>, extra?: [string, string]): string {
  const parts: string[] = [];
  for (const name in labels) parts.push(`${name}="${escapeValue(labels[name]!)}"`);
  if (extra !== undefined) parts.push(`${extra[0]}="${extra[1]}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/**
 * The Prometheus text exposition format 0.0.4 (`text/plain; version=0.0.4`): `# HELP`, `# TYPE`,
 * one line per series; histograms as cumulative `_bucket{le=…}`, `_sum` and `_count`.
 */
export function toPrometheusText(entries: Iterable<MetricEntry>): string {
  let out = '';
  for (const entry of entries) {
    out += `# HELP ${entry.name} ${escapeHelp(entry.description)}\n# TYPE ${entry.name} ${entry.type}\n`;
    if (entry.type !== 'histogram') {
      for (const { labels, state } of entry.store.all())
        out += `${entry.name}${labelText(labels)} ${formatNumber(state.value)}\n`;
      continue;
    }
    for (const { labels, state } of entry.store.all()) {
      const counts = cumulative(state.counts);
      counts.forEach((count, i) => {
        const le = i < entry.buckets.length ? formatNumber(entry.buckets[i]!) : '+Inf';
        out += `${entry.name}_bucket${labelText(labels, ['le', le])} ${count}\n`;
      });
      out += `${entry.name}_sum${labelText(labels)} ${formatNumber(state.sum)}\n`;
      out += `${entry.name}_count${labelText(labels)} ${state.count}\n`;
    }
  }
  return out;
}
