import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { maskLabelValue } from './mask-label-value.js';
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

interface AliasNode<S> {
  next: Map<string, AliasNode<S>> | undefined;
  state: S | undefined;
}

function step<S>(node: AliasNode<S> | undefined, key: string, create: boolean): AliasNode<S> | undefined {
  if (node === undefined) return undefined;
  let child = node.next?.get(key);
  if (child === undefined && create) {
    child = { next: undefined, state: undefined };
    node.next ??= new Map();
    node.next.set(key, child);
  }
  return child;
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
 * Series keyed by label set. The hot path walks the labels in the order given through an alias
 * trie (no allocation); only a new order or a new label set pays for validation and sorting, so `{a, b}` and `{b, a}` land in one series. Beyond `maxSeries` distinct label sets,
 * new ones go to one overflow series (`shoptel_overflow="true"`), reported once.
 */
export function createSeriesStore<S>(options: SeriesStoreOptions<S>): SeriesStore<S> {
  const { metricName, constLabels, maxSeries, newState, report } = options;
  const series = new Map<string, Series<S>>();
  // Label sets in the order given → their series: a trie of name and value steps, so the hot path
  // allocates nothing. Only a cache: bounded, rebuilt on demand.
  let aliases: AliasNode<S> = { next: undefined, state: undefined };
  let aliasCount = 0;
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
      const value = maskLabelValue(name, merged[name]!);
      sorted[name] = value;
      key += `${name}\u0000${value}\u0001`;
    }
    return { key, labels: sorted };
  }

  const constSet = canonical({})!;
  const constKey = constSet.key;
  const defaultSeries: Series<S> = { labels: constSet.labels, state: newState() };

  /** The alias node of `labels` in the order given (the root for no labels), created if asked. */
  function walk(labels: Labels, create: boolean): AliasNode<S> | undefined {
    let node: AliasNode<S> | undefined = aliases;
    for (const name in labels) {
      const raw = labels[name];
      node = step(step(node, name, create), typeof raw === 'string' ? raw : String(raw), create);
      if (node === undefined) return undefined;
    }
    return node;
  }

  function resolveUnguarded(labels: Labels | undefined): S | undefined {
    const node = labels === undefined || labels === null ? aliases : walk(labels, false);
    if (node === aliases) {
      defaultUsed = true;
      return defaultSeries.state;
    }
    if (node?.state !== undefined) return node.state;
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
        entry = overflow;
      } else {
        entry = { labels: found.labels, state: newState() };
        series.set(found.key, entry);
      }
    }
    if (aliasCount >= maxSeries * 4) {
      aliases = { next: undefined, state: undefined };
      aliasCount = 0;
    }
    walk(labels!, true)!.state = entry.state;
    aliasCount++;
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
        const node = labels === undefined || labels === null ? aliases : walk(labels, false);
        if (node === aliases) return defaultSeries.state;
        if (node?.state !== undefined) return node.state;
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
