/**
 * Turns a DuckDB value (as `@duckdb/node-api` gives it to JS) into what OpenObserve's JSON writer
 * would print: integers as numbers (a `bigint` past 2^53, which a JavaScript number cannot hold
 * exactly: `stringifyJson` writes it as a JSON number with every digit, as arrow-json does),
 * timestamps as zone-less UTC strings, NaN/Infinity as null.
 */
export function toJsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(value)
        : value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) return formatTimestamp(value);
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      if (Array.isArray(value)) return value.map(toJsonValue);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
    default:
      return null;
  }
}

/** `2024-06-10T06:00:00` (fractions only when present), UTC, no zone. */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return date
    .toISOString()
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '');
}
