import { createFieldNameCache } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { ColumnType } from '../store/column-type.js';
import { encodeRecords } from './encode-records.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

describe('encodeRecords with a body loadable as written', () => {
  const nowUs = Date.now() * 1000;
  const options = {
    flattenLevel: 3,
    window: createIngestWindow(nowUs / 1000, 5 * 3_600_000, 24 * 3_600_000),
    fieldName: createFieldNameCache(),
    rawFile: '/load/body-1.json',
  };

  it('names the raw file and encodes nothing when every record passes as written', () => {
    const batch = encodeRecords(
      [
        { _timestamp: nowUs, event_id: 'e1', amount: 1.5, quantity: 2, ok: true },
        { _timestamp: nowUs - 10, event_id: 'e2', amount: 3 },
      ],
      options,
      [['amount', ColumnType.Double]],
    );
    expect(batch).toMatchObject({ rawFile: '/load/body-1.json', ndjson: '', successful: 2, failed: 0 });
    expect(batch.minTimestampUs).toBe(nowUs - 10);
    expect(batch.types).toEqual([
      ColumnType.Varchar,
      ColumnType.Double,
      ColumnType.BigInt,
      ColumnType.Boolean,
    ]);
  });

  it('encodes when a record is not stored exactly as written', () => {
    const cases: Array<[string, unknown[], Array<[string, ColumnType]>]> = [
      ['ms timestamp', [{ _timestamp: nowUs / 1000, a: 'x' }], []],
      ['missing timestamp', [{ a: 'x' }], []],
      ['unnormalised key', [{ _timestamp: nowUs, A: 'x' }], []],
      ['nested', [{ _timestamp: nowUs, a: { b: 1 } }], []],
      ['number into text', [{ _timestamp: nowUs, a: 1 }], [['a', ColumnType.Varchar]]],
      ['beyond 2^53', [{ _timestamp: nowUs, a: 2 ** 60 }], []],
      [
        'failed record',
        [
          { _timestamp: nowUs, a: 'x' },
          { _timestamp: 1, a: 'y' },
        ],
        [],
      ],
    ];
    for (const [name, records, columns] of cases) {
      const batch = encodeRecords(records, options, columns);
      expect({ name, rawFile: batch.rawFile, encoded: batch.ndjson !== '' }).toEqual({
        name,
        rawFile: undefined,
        encoded: true,
      });
    }
  });
});
