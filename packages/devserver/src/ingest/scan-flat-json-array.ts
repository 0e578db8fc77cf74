import { toMicroseconds } from '@shoptel/core';
import type { ColumnType } from '../store/column-type.js';
import {
  asWrittenBatch,
  COLS_PER_RECORD_LIMIT,
  everyKindAsWritten,
  resolveFieldTypes,
} from './encode-records.js';
import type { ColumnList, EncodedBatch, FieldKinds } from './encoded-batch.js';
import type { IngestWindowUs } from './resolve-record-timestamp.js';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DIGIT_0,
  DOT,
  isDigit,
  isFieldNameByte,
  MINUS,
  matchWord,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  sameBytes,
  skipNumber,
  skipString,
  skipWhitespace,
} from './scan-json-token.js';
import { ValueKind } from './value-kind.js';

const TIMESTAMP_KEY = Buffer.from('_timestamp');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

interface ScannedField extends FieldKinds {
  /** Index of the last record holding the field: a second key in one record is a duplicate. */
  record: number;
}

/**
 * The batch `encodeRecords` would return for a `_json` body loadable as written, read from the
 * bytes without `JSON.parse`: parsing and decoding were two thirds of a worker's time per record,
 * and a body loaded as written needs no JS object. Returns undefined as soon as anything is off
 * the common path (invalid JSON, a key to normalise or named like an array index, a duplicate
 * key, null/nested values, a `_timestamp` not in µs inside the window, exponents, long numbers,
 * too many fields): the caller then takes the full path, which decides what that means.
 */
export function scanFlatJsonArray(
  body: Buffer,
  window: IngestWindowUs,
  columns: ColumnList,
  rawFile: string,
): EncodedBatch | undefined {
  const end = body.byteLength;
  // A copy ending in a NUL byte, which no token takes: every loop stops there, and no read goes
  // past the end (an out-of-bounds read makes V8 deoptimise the scanning loops).
  const bytes = new Uint8Array(end + 1);
  bytes.set(body);
  const byName = new Map<string, ScannedField>();
  // Records of one request usually share their key order: the key at each position is compared
  // byte for byte with the one the position last held, which saves a string per key.
  const shapeStart: number[] = [];
  const shapeLength: number[] = [];
  const shapeField: Array<ScannedField | undefined> = [];
  let minTimestampUs = Number.POSITIVE_INFINITY;
  let maxTimestampUs = Number.NEGATIVE_INFINITY;
  let records = 0;
  let p = skipWhitespace(bytes, 0);
  if (bytes[p] !== OPEN_BRACKET) return undefined;
  p = skipWhitespace(bytes, p + 1);
  for (;;) {
    if (bytes[p] !== OPEN_BRACE) return undefined;
    p = skipWhitespace(bytes, p + 1);
    let timestamp = -1;
    let position = 0;
    while (bytes[p] !== CLOSE_BRACE) {
      if (position > 0) {
        if (bytes[p] !== COMMA) return undefined;
        p = skipWhitespace(bytes, p + 1);
      }
      if (bytes[p] !== QUOTE) return undefined;
      const keyStart = ++p;
      // Only keys that field-name normalisation keeps as they are: [a-z0-9_], not starting with
      // a digit (JSON.parse puts integer-like keys first, which would change the field order).
      if (isDigit(bytes[p]!)) return undefined;
      while (isFieldNameByte(bytes[p]!)) p++;
      if (bytes[p] !== QUOTE || p === keyStart) return undefined;
      const keyLength = p - keyStart;
      p = skipWhitespace(bytes, p + 1);
      if (bytes[p] !== COLON) return undefined;
      p = skipWhitespace(bytes, p + 1);

      let field: ScannedField | undefined;
      if (
        shapeLength[position] === keyLength &&
        sameBytes(bytes, shapeStart[position]!, keyStart, keyLength)
      ) {
        field = shapeField[position];
      } else {
        field = isTimestampKey(bytes, keyStart, keyLength)
          ? undefined
          : fieldNamed(byName, body.toString('latin1', keyStart, keyStart + keyLength));
        shapeStart[position] = keyStart;
        shapeLength[position] = keyLength;
        shapeField[position] = field;
      }
      position++;

      if (field === undefined) {
        // `_timestamp`: a plain integer in µs inside the window is stored as it is.
        if (timestamp !== -1 || bytes[p] === DIGIT_0) return undefined;
        const start = p;
        let value = 0;
        while (isDigit(bytes[p]!)) value = value * 10 + (bytes[p++]! - DIGIT_0);
        const c = bytes[p]!;
        if (p === start || c === DOT || c === 0x65 || c === 0x45) return undefined;
        // Beyond 2^53 the sum is inexact, but such a value is far outside the window anyway.
        if (toMicroseconds(value) !== value || value < window.minUs || value > window.maxUs) return undefined;
        timestamp = value;
      } else {
        if (field.record === records) return undefined;
        field.record = records;
        const v = bytes[p]!;
        let kind: ValueKind;
        if (v === QUOTE) {
          p = skipString(bytes, p + 1);
          kind = ValueKind.String;
        } else if (v === MINUS || isDigit(v)) {
          const scanned = skipNumber(bytes, p);
          p = scanned >> 1;
          kind = (scanned & 1) === 1 ? ValueKind.Float : ValueKind.Integer;
        } else if (v === 0x74) {
          p = matchWord(bytes, p, TRUE);
          kind = ValueKind.Boolean;
        } else if (v === 0x66) {
          p = matchWord(bytes, p, FALSE);
          kind = ValueKind.Boolean;
        } else return undefined;
        if (p === 0) return undefined;
        field.kindsSeen |= 1 << kind;
      }
      p = skipWhitespace(bytes, p);
    }
    // A record without `_timestamp` gets "now", which the body does not hold.
    if (timestamp === -1) return undefined;
    if (timestamp < minTimestampUs) minTimestampUs = timestamp;
    if (timestamp > maxTimestampUs) maxTimestampUs = timestamp;
    records++;
    p = skipWhitespace(bytes, p + 1);
    if (bytes[p] === COMMA) {
      p = skipWhitespace(bytes, p + 1);
      continue;
    }
    if (bytes[p] !== CLOSE_BRACKET || skipWhitespace(bytes, p + 1) !== end) return undefined;
    break;
  }

  const fields: FieldKinds[] = [];
  for (const { name, kindsSeen } of byName.values()) fields.push({ name, kindsSeen });
  if (fields.length + 1 > COLS_PER_RECORD_LIMIT) return undefined;
  const types: ColumnType[] = resolveFieldTypes(fields, columns);
  if (!everyKindAsWritten(fields, types)) return undefined;
  return asWrittenBatch(records, minTimestampUs, maxTimestampUs, fields, types, rawFile);
}

function fieldNamed(byName: Map<string, ScannedField>, name: string): ScannedField {
  let field = byName.get(name);
  if (!field) {
    field = { name, kindsSeen: 0, record: -1 };
    byName.set(name, field);
  }
  return field;
}

function isTimestampKey(bytes: Uint8Array, start: number, length: number): boolean {
  if (length !== TIMESTAMP_KEY.byteLength) return false;
  for (let i = 0; i < length; i++) if (bytes[start + i] !== TIMESTAMP_KEY[i]) return false;
  return true;
}
