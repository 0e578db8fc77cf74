import { createFieldNameCache } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { ColumnType } from '../store/column-type.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { isLoadableAsWritten } from './is-loadable-as-written.js';
import { parseJsonBody } from './parse-ingest-body.js';
import { createIngestWindow } from './resolve-record-timestamp.js';
import { scanFlatJsonArray } from './scan-flat-json-array.js';

const nowMs = Date.now();
const nowUs = nowMs * 1000;
const window = createIngestWindow(nowMs, 5 * 3_600_000, 24 * 3_600_000);
const RAW_FILE = '/load/body-1.json';

/** What the full path answers for the same body: the batch, or the error it throws. */
function fullPath(text: string, columns: ColumnList): unknown {
  try {
    const records = parseJsonBody(text);
    const options = {
      flattenLevel: 3,
      window,
      fieldName: createFieldNameCache(),
      stream: 's',
      rawFile: RAW_FILE,
    };
    return encodeRecords(records, options, columns);
  } catch (error) {
    return error;
  }
}

// A small seeded generator, so that a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const KEYS = ['a', 'b_c', 'event_id', 'x1', '__proto__', 'A', '1', '0x', 'a.b', 'größe', '', '\\u0061'];
const VALUES = [
  '"text"',
  '"with \\" escape \\n \\u00e9"',
  '"größe ✓"',
  '"\u0001"',
  '"\\x"',
  '""',
  '42',
  '-0',
  '0',
  '12.5',
  '1.0',
  '-3.000',
  '0.99999999999999999999',
  '123456789012345',
  '1234567890123456',
  '9007199254740993',
  '1e5',
  '1E-2',
  '01',
  '1.',
  '-',
  'true',
  'false',
  'null',
  'tru',
  '{"n":1}',
  '[1]',
  '{}',
  '[]',
];
const TIMESTAMPS = [
  String(nowUs),
  String(nowUs - 1000),
  String(nowUs + 3_600_000_000),
  String(nowMs),
  String(nowUs * 1000),
  String(nowUs - 10 * 3_600_000_000),
  `${nowUs}.0`,
  `${nowUs}.5`,
  `"${nowUs}"`,
  '0',
  `-${nowUs}`,
  `0${nowUs}`,
  `${nowUs / 1000}e3`,
];
const SPACES = ['', ' ', '\n', '\t', '\r\n  '];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function randomBody(next: () => number, tricky: number): string {
  const space = () => (next() < 0.2 ? pick(next, SPACES) : '');
  const records: string[] = [];
  const count = 1 + Math.floor(next() * 4);
  const shapeKeys = ['a', 'b_c', 'event_id'].slice(0, 1 + Math.floor(next() * 3));
  for (let r = 0; r < count; r++) {
    const members: string[] = [];
    const keys = next() < tricky ? [...shapeKeys, pick(next, KEYS)] : [...shapeKeys];
    if (next() < 0.5) keys.reverse();
    const tsAt = next() < tricky * 0.3 ? -1 : Math.floor(next() * (keys.length + 1));
    for (let k = 0; k <= keys.length; k++) {
      if (k === tsAt) {
        const ts = next() < tricky ? pick(next, TIMESTAMPS) : String(nowUs - Math.floor(next() * 1e9));
        members.push(`${space()}"_timestamp"${space()}:${space()}${ts}`);
      }
      if (k === keys.length) break;
      const value = next() < tricky ? pick(next, VALUES) : pick(next, VALUES.slice(0, 3));
      members.push(`${space()}"${keys[k]}"${space()}:${space()}${value}${space()}`);
    }
    records.push(`${space()}{${members.join(',')}}${space()}`);
  }
  const tail = next() < tricky * 0.1 ? pick(next, [',', ' x', ']']) : '';
  return `${space()}[${records.join(',')}]${tail}${space()}`;
}

const COLUMN_SETS: ColumnList[] = [
  [],
  [['a', ColumnType.Varchar]],
  [['a', ColumnType.BigInt]],
  [['a', ColumnType.Double]],
  [
    ['a', ColumnType.Boolean],
    ['b_c', ColumnType.BigInt],
  ],
];

describe('scanFlatJsonArray', () => {
  it('answers what the full path answers for a body it takes, and takes the common body', () => {
    const next = random(7);
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomBody(next, i % 3 === 0 ? 0 : 0.3);
      const body = Buffer.from(text);
      if (!isLoadableAsWritten(body)) continue;
      const columns = pick(next, COLUMN_SETS);
      const scanned = scanFlatJsonArray(body, window, columns, RAW_FILE);
      if (scanned === undefined) continue;
      taken++;
      expect({ text, columns, batch: fullPath(text, columns) }).toEqual({ text, columns, batch: scanned });
    }
    expect(taken).toBeGreaterThan(2_000);
  });

  it('loads a body of business events as written', () => {
    const records = Array.from({ length: 3 }, (_, i) => ({
      _timestamp: nowUs - i,
      event_id: `e${i}`,
      amount: 12.5 + i,
      quantity: i,
      ok: i % 2 === 0,
    }));
    const text = JSON.stringify(records);
    const scanned = scanFlatJsonArray(Buffer.from(text), window, [], RAW_FILE);
    expect(scanned).toEqual(fullPath(text, []));
    expect(scanned?.rawFile).toBe(RAW_FILE);
  });

  it('leaves duplicate keys, nulls and nested values to the full path', () => {
    for (const record of [
      `{"_timestamp":${nowUs},"a":1,"a":"x"}`,
      `{"_timestamp":${nowUs},"_timestamp":${nowUs}}`,
      `{"_timestamp":${nowUs},"a":null}`,
      `{"_timestamp":${nowUs},"a":{"b":1}}`,
      `{"_timestamp":${nowUs},"a":[1]}`,
      `{"a":1}`,
    ]) {
      expect(scanFlatJsonArray(Buffer.from(`[${record}]`), window, [], RAW_FILE)).toBeUndefined();
    }
  });
});
