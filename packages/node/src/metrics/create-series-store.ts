import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { labelNameProblem, labelValue } from './metric-names.js';
import type { Labels } from './metric-types.js';

/** One series: its full label set (constant labels included) and its state. */
export interface Series<S> {
  readonly labels: Readonly<Record<string, string>>;
  readonly state: S;
}

/** The series of one metric. Owns their map, the cardinality cap and the overflow series. */
export interface SeriesStore<S> {
  /** The series of `labels`, created on first use; `undefined` when the labels are invalid. */
  resolve(labels: Labels | undefined): S | undefined;
  /** The series of `labels` if it exists, without creating it. */
  peek(labels: Labels | undefined): S | undefined;
  /** Every series, the overflow series last. */
  all(): Series<S>[];
}

/** The label set excess series are folded into once a metric reaches its cap. */
export const OVERFLOW_LABEL = 'shoptel_overflow';

export interface SeriesStoreOptions<S> {
  metricName: string;
  constLabels: Readonly<Record<string, string>>;
  maxSeries: number;
  newState: () => S;
  report: ErrorReporter;
}

/**
 * Series keyed by label set. The hot path builds a key from the labels in the order given and
 * finds the series through an alias map; only a new order or a new label set pays for validation
 * and sorting, so `{a, b}` and `{b, a}` land in one series. Beyond `maxSeries` distinct label sets,
 * new ones go to one overflow series (`shoptel_overflow="true"`), reported once.
 */
export function createSeriesStore<S>(options: SeriesStoreOptions<S>): SeriesStore<S> {
  const { metricName, constLabels, maxSeries, newState, report } = options;
  const series = new Map<string, Series<S>>();
  const aliases = new Map<string, S>();
  const checkedNames = new Set<string>();
  let overflow: Series<S> | undefined;
  let defaultUsed = false;
  const reported = new Set<string>();

  const reportOnce = (
    key: string,
    reason: typeof NodeErrorReason.cardinalityLimit | typeof NodeErrorReason.invalidInput,
    message: string,
  ) => {
    if (reported.has(key)) return;
    reported.add(key);
    report({ reason, message, count: 1 });
  };

  function canonical(labels: Labels): { key: string; labels: Record<string, string> } | undefined {
    const merged: Record<string, string> = { ...constLabels };
    for (const name in labels) {
      const value = labelValue(labels[name]);
      if (value === undefined) continue;
      if (!checkedNames.has(name)) {
        const problem = labelNameProblem(name);
        if (problem !== undefined) {
          reportOnce(
            `name:${name}`,
            NodeErrorReason.invalidInput,
            `metric '${metricName}': ${problem}; observation dropped`,
          );
          return undefined;
        }
        checkedNames.add(name);
      }
      merged[name] = value;
    }
    const names = Object.keys(merged).sort();
    const sorted: Record<string, string> = {};
    let key = '';
    for (const name of names) {
      sorted[name] = merged[name]!;
      key += `${name}\u0000${merged[name]}\u0001`;
    }
    return { key, labels: sorted };
  }

  const constSet = canonical({})!;
  const constKey = constSet.key;
  const defaultSeries: Series<S> = { labels: constSet.labels, state: newState() };

  function quickKey(labels: Labels): string {
    let key = '';
    for (const name in labels) key += `${name}\u0000${labels[name]}\u0001`;
    return key;
  }

  function resolveUnguarded(labels: Labels | undefined): S | undefined {
    const quick = labels === undefined || labels === null ? '' : quickKey(labels);
    if (quick === '') {
      defaultUsed = true;
      return defaultSeries.state;
    }
    const known = aliases.get(quick);
    if (known !== undefined) return known;
    const found = canonical(labels!);
    if (found === undefined) return undefined;
    let entry = found.key === constKey ? defaultSeries : series.get(found.key);
    if (entry === defaultSeries) defaultUsed = true;
    if (entry === undefined) {
      if (series.size >= maxSeries) {
        reportOnce(
          'overflow',
          NodeErrorReason.cardinalityLimit,
          `metric '${metricName}' reached ${maxSeries} series; further label sets are counted in {${OVERFLOW_LABEL}="true"}`,
        );
        overflow ??= { labels: { ...constLabels, [OVERFLOW_LABEL]: 'true' }, state: newState() };
        return overflow.state;
      }
      entry = { labels: found.labels, state: newState() };
      series.set(found.key, entry);
    }
    // The alias map is only a cache: bounded, rebuilt on demand.
    if (aliases.size >= maxSeries * 4) aliases.clear();
    aliases.set(quick, entry.state);
    return entry.state;
  }

  return {
    resolve(labels) {
      try {
        return resolveUnguarded(labels);
      } catch (error) {
        // A Proxy or a getter in the labels threw: drop the observation, never the host's call.
        reportOnce(
          'throw',
          NodeErrorReason.invalidInput,
          `metric '${metricName}': labels could not be read (${String(error)})`,
        );
        return undefined;
      }
    },
    peek(labels) {
      try {
        const quick = labels === undefined || labels === null ? '' : quickKey(labels);
        if (quick === '') return defaultSeries.state;
        const known = aliases.get(quick);
        if (known !== undefined) return known;
        const found = canonical(labels!);
        if (found === undefined) return undefined;
        return found.key === constKey ? defaultSeries.state : series.get(found.key)?.state;
      } catch {
        return undefined;
      }
    },
    all() {
      const list: Series<S>[] = [];
      if (defaultUsed) list.push(defaultSeries);
      list.push(...series.values());
      if (overflow !== undefined) list.push(overflow);
      return list;
    },
  };
}
