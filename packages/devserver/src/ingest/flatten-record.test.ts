import { createFieldNameCache } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { ColumnType } from '../store/column-type.js';
import { encodeRecords } from './encode-records.js';
import { flattenRecord } from './flatten-record.js';
import {
  CANNOT_PARSE_TIMESTAMP,
  createIngestWindow,
  resolveRecordTimestamp,
  tooFarMessage,
  tooOldMessage,
} from './resolve-record-timestamp.js';
import { ValueKind } from './value-kind.js';

const fieldName = createFieldNameCache();

describe('flattenRecord (OpenObserve flatten.rs)', () => {
  it('normalises keys, joins nested keys with _, stringifies arrays and drops nulls', () => {
    expect(
      flattenRecord(
        { userId: 'u', 'service.name': 's', '@timestamp': 1, a: { B: 1 }, list: [1, 'x'], gone: null, e: [] },
        3,
        fieldName,
      ),
    ).toEqual({ userid: 'u', service_name: 's', _timestamp: 1, a_b: 1, list: '[1,"x"]' });
  });

  it('stores objects deeper than the level as JSON text', () => {
    expect(flattenRecord({ a: { b: { c: { d: 1 } } } }, 3, fieldName)).toEqual({ a_b_c: '{"d":1}' });
    expect(flattenRecord({ a: { b: { c: { d: 1 } } } }, 0, fieldName)).toEqual({ a_b_c_d: 1 });
    expect(flattenRecord({ info: { x: 1 } }, 1, fieldName)).toEqual({ info: '{"x":1}' });
  });

  it('refuses non-objects', () => {
    for (const value of [1, 'x', null, [1], true]) expect(flattenRecord(value, 3, fieldName)).toBeUndefined();
  });
});

describe('resolveRecordTimestamp', () => {
  const nowMs = Date.UTC(2024, 5, 10, 12);
  const window = createIngestWindow(nowMs, 5 * 3_600_000, 24 * 3_600_000);
  const us = nowMs * 1000 - 60_000_000;

  it('detects seconds, milliseconds, microseconds and nanoseconds', () => {
    expect(resolveRecordTimestamp(us / 1_000_000, window)).toBe(us);
    expect(resolveRecordTimestamp(us / 1000, window)).toBe(us);
    expect(resolveRecordTimestamp(us, window)).toBe(us);
    expect(resolveRecordTimestamp(us * 1000, window)).toBe(us);
  });

  it('reads strings, and uses now for missing or 0', () => {
    expect(resolveRecordTimestamp('2024-06-10 11:59:00', window)).toBe(us);
    expect(resolveRecordTimestamp('2024-06-10T11:59:00Z', window)).toBe(us);
    expect(resolveRecordTimestamp(undefined, window)).toBe(nowMs * 1000);
    expect(resolveRecordTimestamp(0, window)).toBe(nowMs * 1000);
    expect(resolveRecordTimestamp('yesterday', window)).toBe(CANNOT_PARSE_TIMESTAMP);
    expect(resolveRecordTimestamp(true, window)).toBe(CANNOT_PARSE_TIMESTAMP);
  });

  it('fails records outside the window with OpenObserve’s messages', () => {
    expect(resolveRecordTimestamp(nowMs - 6 * 3_600_000, window)).toBe(tooOldMessage(5));
    expect(resolveRecordTimestamp(nowMs + 25 * 3_600_000, window)).toBe(tooFarMessage(24));
    expect(tooOldMessage(5)).toContain('Too old data, only last 5 hours data can be ingested');
  });
});

describe('encodeRecords', () => {
  const nowMs = Date.now();
  const options = {
    flattenLevel: 3,
    window: createIngestWindow(nowMs, 5 * 3_600_000, 24 * 3_600_000),
    fieldName,
  };
  const lines = (ndjson: string) =>
    ndjson
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));

  it('counts failed records and infers the types of new fields', () => {
    const batch = encodeRecords(
      [{ a: 'x', n: 1 }, 'not an object', { a: 'yz', n: 2.5, _timestamp: 1 }, { n: true }],
      options,
      [],
    );
    // `n` holds numbers and a boolean: a text column, so every row fits.
    expect(batch.rowCount).toBe(2);
    expect(batch.failed).toBe(2);
    expect(batch.successful).toBe(2);
    expect(batch.fields).toEqual([
      { name: 'a', kindsSeen: 1 << ValueKind.String },
      { name: 'n', kindsSeen: (1 << ValueKind.Integer) | (1 << ValueKind.Boolean) },
    ]);
    expect(batch.types).toEqual([ColumnType.Varchar, ColumnType.Varchar]);
    const [first, second] = lines(batch.ndjson);
    expect(first).toEqual({ _timestamp: nowMs * 1000, a: 'x', n: '1' });
    expect(second).toEqual({ _timestamp: nowMs * 1000, n: 'true' });
  });

  it('casts to existing columns and fails records that do not fit', () => {
    const batch = encodeRecords([{ n: '42' }, { n: 'abc' }, { n: 7, s: 1.5 }, { s: 'x\ud800' }], options, [
      ['_timestamp', ColumnType.BigInt],
      ['n', ColumnType.BigInt],
      ['s', ColumnType.Varchar],
    ]);
    expect(batch.successful).toBe(3);
    expect(batch.failed).toBe(1);
    expect(batch.lastError).toBe('Failed to cast n to type Int64 ');
    expect(lines(batch.ndjson).map(({ _timestamp, ...rest }) => rest)).toEqual([
      { n: 42 },
      { n: 7, s: '1.5' },
      { s: 'x\ufffd' },
    ]);
  });
});
