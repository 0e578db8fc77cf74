import { ColumnType, canCast } from '../store/column-type.js';
import type { FlatValue } from './flatten-record.js';
import { ValueKind } from './value-kind.js';

/** Kinds that JSON carries into a column of each type as they are, without a conversion. */
export const NATIVE_KINDS: Record<ColumnType, number> = {
  VARCHAR: 1 << ValueKind.String,
  BIGINT: (1 << ValueKind.Integer) | (1 << ValueKind.BigInteger),
  DOUBLE: (1 << ValueKind.Integer) | (1 << ValueKind.Float),
  BOOLEAN: 1 << ValueKind.Boolean,
};
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// DuckDB's JSON reader rejects a `\uD800` escape without its partner, which JSON.stringify writes
// for a lone surrogate; U+FFFD is what a native string conversion would have stored.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * The JSON text of a value converted to its column's type, following OpenObserve's
 * `cast_to_type` (see `canCast`), or undefined when it cannot be cast and fails its record.
 */
export function encodeValue(type: ColumnType, kind: ValueKind, value: FlatValue): string | undefined {
  const text = kind === ValueKind.String || kind === ValueKind.BigInteger ? String(value) : '';
  if ((NATIVE_KINDS[type] & (1 << kind)) === 0 && !canCast(type, kind, text)) return undefined;
  switch (type) {
    case ColumnType.Varchar:
      return kind === ValueKind.String || kind === ValueKind.BigInteger ? quoteJson(text) : `"${value}"`;
    case ColumnType.BigInt: {
      if (kind === ValueKind.Integer) return String(value);
      // Text that passed the cast (`"+42"`, `"007"`) or an exact big integer, as int64 digits.
      const integer = BigInt(text);
      return integer >= INT64_MIN && integer <= INT64_MAX ? integer.toString() : undefined;
    }
    case ColumnType.Double:
      return doubleJson(
        kind === ValueKind.Integer || kind === ValueKind.Float ? (value as number) : Number(text),
      );
    case ColumnType.Boolean:
      return (kind === ValueKind.Boolean ? value === true : text === 'true') ? 'true' : 'false';
  }
}

/** A JSON string DuckDB accepts: lone surrogates become U+FFFD. */
export function quoteJson(text: string): string {
  const quoted = JSON.stringify(text);
  return hasEscapedSurrogate(quoted) ? JSON.stringify(text.replace(LONE_SURROGATE, '\uFFFD')) : quoted;
}

/** Whether JSON text may hold an escaped lone surrogate (or an escaped backslash before `ud`). */
export function hasEscapedSurrogate(json: string): boolean {
  return json.includes('\\ud');
}

// JSON has no infinities; DuckDB reads an overflowing literal as one (`"Infinity"` passes the cast).
function doubleJson(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return value > 0 ? '1e999' : '-1e999';
}
