import { ValueKind } from '../ingest/value-kind.js';

/** The DuckDB types a stream column can have, matching OpenObserve's Utf8/Int64/Float64/Boolean. */
export const ColumnType = {
  Varchar: 'VARCHAR',
  BigInt: 'BIGINT',
  Double: 'DOUBLE',
  Boolean: 'BOOLEAN',
} as const;
export type ColumnType = (typeof ColumnType)[keyof typeof ColumnType];

/** OpenObserve's (Arrow) name for each type, as its cast errors print it. */
export const ARROW_TYPE_NAME: Record<ColumnType, string> = {
  VARCHAR: 'Utf8',
  BIGINT: 'Int64',
  DOUBLE: 'Float64',
  BOOLEAN: 'Boolean',
};

const bit = (kind: ValueKind) => 1 << kind;

/**
 * The type a new column gets from the values a batch brings, like Arrow's JSON inference that
 * OpenObserve uses: integers only → BIGINT, integers and floats → DOUBLE, booleans only →
 * BOOLEAN, anything mixed with text (or booleans with numbers) → VARCHAR.
 */
export function inferColumnType(kindsSeen: number): ColumnType {
  const numeric = bit(ValueKind.Integer) | bit(ValueKind.BigInteger);
  if ((kindsSeen & ~numeric) === 0) return ColumnType.BigInt;
  if ((kindsSeen & ~(numeric | bit(ValueKind.Float))) === 0) return ColumnType.Double;
  if (kindsSeen === bit(ValueKind.Boolean)) return ColumnType.Boolean;
  return ColumnType.Varchar;
}

/** OpenObserve widens Int64 to Float64 when floats arrive (`ZO_WIDENING_SCHEMA_EVOLUTION`). */
export function widenedType(existing: ColumnType, kindsSeen: number): ColumnType | undefined {
  return existing === ColumnType.BigInt && (kindsSeen & bit(ValueKind.Float)) !== 0
    ? ColumnType.Double
    : undefined;
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const BOOLEAN_TEXT = new Set(['true', 'false']);

/**
 * OpenObserve's `cast_to_type` for a value whose type differs from its column: anything becomes
 * text in a VARCHAR column; text becomes a number or boolean only when it parses as one; a
 * number never becomes a boolean, nor a boolean a number. A value that cannot be cast fails its
 * whole record.
 */
export function canCast(type: ColumnType, kind: ValueKind, text: string): boolean {
  switch (type) {
    case ColumnType.Varchar:
      return true;
    case ColumnType.BigInt:
      return (
        kind === ValueKind.Integer ||
        kind === ValueKind.BigInteger ||
        (kind === ValueKind.String && INTEGER_TEXT.test(text) && isInt64(text))
      );
    case ColumnType.Double:
      return (
        kind === ValueKind.Integer ||
        kind === ValueKind.Float ||
        kind === ValueKind.BigInteger ||
        (kind === ValueKind.String && text.trim() !== '' && !Number.isNaN(Number(text)))
      );
    case ColumnType.Boolean:
      return kind === ValueKind.Boolean || (kind === ValueKind.String && BOOLEAN_TEXT.has(text));
  }
}

function isInt64(text: string): boolean {
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

/** Maps a DuckDB catalog type name back to a stream column type (unknown types read as text). */
export function columnTypeFromCatalog(dataType: string): ColumnType {
  const upper = dataType.toUpperCase();
  if (upper === 'BIGINT' || upper === 'INTEGER' || upper === 'HUGEINT') return ColumnType.BigInt;
  if (upper === 'DOUBLE' || upper === 'FLOAT') return ColumnType.Double;
  if (upper === 'BOOLEAN') return ColumnType.Boolean;
  return ColumnType.Varchar;
}
