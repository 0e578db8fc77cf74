import { describe, expect, it } from 'vitest';
import { ValueKind } from '../ingest/value-kind.js';
import { ColumnType, canCast, inferColumnType, widenedType } from './column-type.js';

const seen = (...kinds: ValueKind[]) => kinds.reduce<number>((mask, k) => mask | (1 << k), 0);

describe('column types (OpenObserve cast_to_type)', () => {
  it('infers a new column from the batch', () => {
    expect(inferColumnType(seen(ValueKind.Integer))).toBe(ColumnType.BigInt);
    expect(inferColumnType(seen(ValueKind.Integer, ValueKind.Float))).toBe(ColumnType.Double);
    expect(inferColumnType(seen(ValueKind.Boolean))).toBe(ColumnType.Boolean);
    expect(inferColumnType(seen(ValueKind.Integer, ValueKind.String))).toBe(ColumnType.Varchar);
    expect(inferColumnType(seen(ValueKind.Boolean, ValueKind.Integer))).toBe(ColumnType.Varchar);
  });

  it('casts what OpenObserve casts and refuses the rest', () => {
    expect(canCast(ColumnType.Varchar, ValueKind.Integer, '')).toBe(true);
    expect(canCast(ColumnType.BigInt, ValueKind.String, '42')).toBe(true);
    expect(canCast(ColumnType.BigInt, ValueKind.String, 'abc')).toBe(false);
    expect(canCast(ColumnType.BigInt, ValueKind.Boolean, '')).toBe(false);
    expect(canCast(ColumnType.Double, ValueKind.String, '1.5')).toBe(true);
    expect(canCast(ColumnType.Double, ValueKind.String, ' ')).toBe(false);
    expect(canCast(ColumnType.Boolean, ValueKind.String, 'true')).toBe(true);
    expect(canCast(ColumnType.Boolean, ValueKind.Integer, '')).toBe(false);
  });

  it('widens BIGINT to DOUBLE when floats arrive', () => {
    expect(widenedType(ColumnType.BigInt, seen(ValueKind.Float))).toBe(ColumnType.Double);
    expect(widenedType(ColumnType.BigInt, seen(ValueKind.String))).toBeUndefined();
  });
});
