// Names OpenObserve and Prometheus both accept unchanged. OpenObserve lowercases stream and field
// names, so an uppercase name would be stored under another name than `toPrometheusText` prints.
const METRIC_NAME = /^[a-z_:][a-z0-9_:]*$/;
const LABEL_NAME = /^[a-z_][a-z0-9_]*$/;
/** Keys of an OpenObserve metrics sample that are not labels. */
const RESERVED_LABELS = new Set(['value', '_timestamp', 'le', 'quantile']);

/** Throws a `TypeError` naming the problem when `name` cannot be a metric name. */
export function assertMetricName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`metric name must be a non-empty string; got ${typeof name}`);
  }
  if (name.startsWith('__'))
    throw new TypeError(`metric name '${name}': names starting with __ are reserved`);
  if (!METRIC_NAME.test(name)) {
    throw new TypeError(
      `metric name '${name}' must match [a-z_:][a-z0-9_:]* (OpenObserve stores names lowercased; e.g. orders_total)`,
    );
  }
}

/** Why `name` cannot be a label name, or `undefined` when it can. */
export function labelNameProblem(name: string): string | undefined {
  if (name.startsWith('__')) return `label '${name}': names starting with __ are reserved`;
  if (RESERVED_LABELS.has(name)) return `label '${name}' is reserved in metric samples`;
  if (!LABEL_NAME.test(name))
    return `label '${name}' must match [a-z_][a-z0-9_]* (OpenObserve lowercases field names)`;
  return undefined;
}

/** Label values as the wire and the text format carry them: strings. */
export function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}
