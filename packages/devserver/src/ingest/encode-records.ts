import { HttpError } from '../http/http-error.js';
import { ARROW_TYPE_NAME, type ColumnType, inferColumnType, widenedType } from '../store/column-type.js';
import { encodeValue, hasEscapedSurrogate, NATIVE_KINDS } from './encode-value.js';
import type { ColumnList, EncodedBatch, FieldKinds } from './encoded-batch.js';
import { type FlatRecord, flattenRecord, RecordTooDeepError } from './flatten-record.js';
import { type IngestWindowUs, resolveRecordTimestamp } from './resolve-record-timestamp.js';
import { ValueKind, valueKind } from './value-kind.js';

export interface EncodeOptions {
  flattenLevel: number;
  window: IngestWindowUs;
  fieldName: (key: string) => string;
  /** Skip the window check (OpenObserve does not apply it to metrics). */
  ignoreWindow?: boolean;
  /** The stream's name, for the column-limit message. */
  stream?: string;
  /**
   * Given when `records` are the elements of a JSON array body that DuckDB could read as it is:
   * if every record passes exactly as written, nothing is encoded and the batch names this file,
   * for the caller to write the body to.
   */
  rawFile?: string;
  /** Told the index (in `records`) and error of every record that fails (`_bulk` answers per record). */
  onRecordFailed?: (index: number, error: string) => void;
}

// Integers beyond 2^53 (and infinities) were rounded by JSON.parse: the body's own digits would
// store a different value than the encoded line, so such records are encoded.
const MAX_EXACT_NUMBER = Number.MAX_SAFE_INTEGER;
/** `ZO_COLS_PER_RECORD_LIMIT`: a batch whose fields (with `_timestamp`) exceed it is discarded. */
export const COLS_PER_RECORD_LIMIT = 1000;
/**
 * serde_json refuses a number beyond f64 (`1e400`, which JSON.parse reads as Infinity), so
 * OpenObserve rejects the whole body.
 */
export const NUMBER_OUT_OF_RANGE = 'number out of range';

/**
 * Everything an ingested body needs before the store, so that it can run in a worker thread:
 * flattens records, resolves `_timestamp` (failing records outside the window with OpenObserve's
 * message), decides each field's column type from `columns` (new fields inferred, BIGINT widened
 * by floats, as the store will evolve them) and writes each record whose values fit as a JSON
 * line. A value that cannot be cast fails its record with "Failed to cast …".
 */
export function encodeRecords(
  records: readonly unknown[],
  options: EncodeOptions,
  columns: ColumnList,
): EncodedBatch {
  const rows: FlatRecord[] = [];
  const timestamps: number[] = [];
  // Input index of each row, kept only when failures are reported record by record.
  const report = options.onRecordFailed;
  const rowIndex: number[] = [];
  let failed = 0;
  let rejectError: string | undefined;
  // Re-encoding is skipped only if the body holds exactly the rows that would be written.
  let asWritten = options.rawFile !== undefined;
  const window = options.ignoreWindow
    ? { ...options.window, minUs: Number.NEGATIVE_INFINITY, maxUs: Number.POSITIVE_INFINITY }
    : options.window;
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    let flat: FlatRecord | undefined;
    try {
      flat = flattenRecord(record, options.flattenLevel, options.fieldName);
    } catch (error) {
      if (!(error instanceof RecordTooDeepError)) throw error;
      failed++;
      rejectError = error.message;
      report?.(index, error.message);
      continue;
    }
    const raw = flat?._timestamp;
    if (typeof raw === 'number' && !Number.isFinite(raw)) throw numberOutOfRange();
    const ts = flat ? resolveRecordTimestamp(raw, window) : 'flatten value must be an object';
    if (typeof ts === 'string') {
      failed++;
      rejectError = ts;
      report?.(index, ts);
      continue;
    }
    const stored = Number.isInteger(ts) ? ts : Math.round(ts);
    if (asWritten && (flat !== record || flat!._timestamp !== stored)) asWritten = false;
    rows.push(flat!);
    timestamps.push(stored);
    if (report) rowIndex.push(index);
  }

  const { fields, inexact } = fieldKinds(rows);
  if (fields.length + 1 > COLS_PER_RECORD_LIMIT) {
    // OpenObserve's message, but counted as failed records: OpenObserve only logs it and answers
    // counts that leave the batch out.
    const lastError = `Got ${fields.length + 1} columns for stream ${options.stream ?? ''}, only ${COLS_PER_RECORD_LIMIT} columns accept. Data discarded. You can adjust ingestion columns limit by setting the environment variable ZO_COLS_PER_RECORD_LIMIT=<max_columns>`;
    for (const index of rowIndex) report?.(index, lastError);
    return {
      rowCount: 0,
      successful: 0,
      failed: failed + rows.length,
      lastError,
      minTimestampUs: Number.POSITIVE_INFINITY,
      maxTimestampUs: Number.NEGATIVE_INFINITY,
      fields: [],
      types: [],
      ndjson: '',
      longestLine: 0,
      rawFile: undefined,
    };
  }
  const types = resolveFieldTypes(fields, columns);
  const typeByName = new Map(fields.map((f, i) => [f.name, types[i]!]));
  if (asWritten && failed === 0 && rows.length > 0 && !inexact && everyKindAsWritten(fields, types)) {
    let minTimestampUs = Number.POSITIVE_INFINITY;
    let maxTimestampUs = Number.NEGATIVE_INFINITY;
    for (const ts of timestamps) {
      if (ts < minTimestampUs) minTimestampUs = ts;
      if (ts > maxTimestampUs) maxTimestampUs = ts;
    }
    return asWrittenBatch(rows.length, minTimestampUs, maxTimestampUs, fields, types, options.rawFile);
  }

  const lines: string[] = [];
  let castError: string | undefined;
  let longestLine = 0;
  let minTimestampUs = Number.POSITIVE_INFINITY;
  let maxTimestampUs = Number.NEGATIVE_INFINITY;
  // Records of one request usually share their key order: the type of the key at each position
  // is remembered from the last record, which saves a map lookup per value.
  const shapeKeys: string[] = [];
  const shapeTypes: ColumnType[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const ts = timestamps[r]!;
    let plain = true;
    let position = 0;
    for (const key in row) {
      if (key === '_timestamp') continue;
      if (shapeKeys[position] !== key) {
        shapeKeys[position] = key;
        shapeTypes[position] = typeByName.get(key)!;
      }
      const kind = valueKind(row[key]!);
      if (kind === ValueKind.BigInteger || (NATIVE_KINDS[shapeTypes[position]!] & (1 << kind)) === 0)
        plain = false;
      position++;
    }
    let line: string | undefined;
    if (plain) {
      // The common case: JSON.stringify writes the record as the column types want it.
      row._timestamp = ts;
      line = JSON.stringify(row);
      if (hasEscapedSurrogate(line)) line = undefined;
    }
    if (line === undefined) {
      const converted = convertRecord(row, ts, fields, typeByName);
      if (converted.error !== undefined) {
        failed++;
        castError = converted.error;
        report?.(rowIndex[r]!, converted.error);
        continue;
      }
      line = converted.line;
    }
    if (ts < minTimestampUs) minTimestampUs = ts;
    if (ts > maxTimestampUs) maxTimestampUs = ts;
    if (line.length > longestLine) longestLine = line.length;
    lines.push(line);
  }
  return {
    rowCount: rows.length,
    successful: lines.length,
    failed,
    lastError: castError ?? rejectError,
    minTimestampUs,
    maxTimestampUs,
    fields,
    types,
    ndjson: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    longestLine,
    rawFile: undefined,
  };
}

/** The column type each field gets: its column's (widened by floats), or one inferred for it. */
export function resolveFieldTypes(fields: readonly FieldKinds[], columns: ColumnList): ColumnType[] {
  const known = new Map(columns);
  return fields.map(({ name, kindsSeen }) => {
    const existing = known.get(name);
    return existing ? (widenedType(existing, kindsSeen) ?? existing) : inferColumnType(kindsSeen);
  });
}

/** Whether every field holds only kinds its column takes as JSON writes them. */
export function everyKindAsWritten(fields: readonly FieldKinds[], types: readonly ColumnType[]): boolean {
  const bigInteger = 1 << ValueKind.BigInteger;
  return fields.every((field, i) => (field.kindsSeen & ~(NATIVE_KINDS[types[i]!] & ~bigInteger)) === 0);
}

/**
 * Each field of the batch in first-seen order, with the kinds of value it holds, and whether a
 * number was beyond what JSON.parse reads exactly.
 */
function fieldKinds(rows: FlatRecord[]): { fields: FieldKinds[]; inexact: boolean } {
  let inexact = false;
  const byName = new Map<string, FieldKinds>();
  const shapeKeys: string[] = [];
  const shapeFields: FieldKinds[] = [];
  for (const row of rows) {
    let position = 0;
    for (const name in row) {
      if (name === '_timestamp') continue;
      let field = shapeKeys[position] === name ? shapeFields[position] : byName.get(name);
      if (!field) {
        field = { name, kindsSeen: 0 };
        byName.set(name, field);
      }
      shapeKeys[position] = name;
      shapeFields[position] = field;
      position++;
      const value = row[name]!;
      field.kindsSeen |= 1 << valueKind(value);
      if (typeof value === 'number' && !(Math.abs(value) <= MAX_EXACT_NUMBER)) {
        if (!Number.isFinite(value)) throw numberOutOfRange();
        inexact = true;
      }
    }
  }
  return { fields: [...byName.values()], inexact };
}

/**
 * The JSON line of a record whose values need converting, or OpenObserve's "Failed to cast …"
 * message (one part per failing field, in field order) when one cannot be cast.
 */
function convertRecord(
  row: FlatRecord,
  ts: number,
  fields: FieldKinds[],
  typeByName: Map<string, ColumnType>,
): { line: string; error?: undefined } | { line?: undefined; error: string } {
  let line = `{"_timestamp":${ts}`;
  let error = '';
  for (const { name } of fields) {
    if (!Object.hasOwn(row, name)) continue;
    const value = row[name]!;
    const type = typeByName.get(name)!;
    const json = encodeValue(type, valueKind(value), value);
    if (json === undefined) error += `Failed to cast ${name} to type ${ARROW_TYPE_NAME[type]} `;
    else line += `,${JSON.stringify(name)}:${json}`;
  }
  return error ? { error } : { line: `${line}}` };
}

function numberOutOfRange(): HttpError {
  return new HttpError(400, `SerdeJsonError# ${NUMBER_OUT_OF_RANGE}`);
}

/** A batch whose body is loaded as the client wrote it (from `rawFile`): no NDJSON to write. */
export function asWrittenBatch(
  rowCount: number,
  minTimestampUs: number,
  maxTimestampUs: number,
  fields: FieldKinds[],
  types: ColumnType[],
  rawFile: string | undefined,
): EncodedBatch {
  return {
    rowCount,
    successful: rowCount,
    failed: 0,
    lastError: undefined,
    minTimestampUs,
    maxTimestampUs,
    fields,
    types,
    ndjson: '',
    longestLine: 0,
    rawFile,
  };
}
