import type { FlatValue } from './flatten-record.js';

/** Kind of one flattened value, as the schema inference and the casts see it. */
export const ValueKind = {
  Absent: 0,
  String: 1,
  Integer: 2,
  Float: 3,
  Boolean: 4,
  /** An integer beyond 2^53 kept exactly as a bigint (OTLP nanosecond times). */
  BigInteger: 5,
} as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

const MAX_SAFE_INT64 = 9.2e18;

export function valueKind(value: FlatValue): ValueKind {
  switch (typeof value) {
    case 'string':
      return ValueKind.String;
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < MAX_SAFE_INT64
        ? ValueKind.Integer
        : ValueKind.Float;
    case 'boolean':
      return ValueKind.Boolean;
    default:
      return ValueKind.BigInteger;
  }
}
