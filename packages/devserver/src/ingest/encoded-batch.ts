import type { ColumnType } from '../store/column-type.js';

/** A stream's columns in table order, as a worker receives them. */
export type ColumnList = ReadonlyArray<readonly [name: string, type: ColumnType]>;

/** A field of a batch and every kind of value it brought (bit `1 << kind`): schema evolution input. */
export interface FieldKinds {
  name: string;
  kindsSeen: number;
}

/**
 * Records of one request, checked against a stream's columns and encoded as NDJSON for DuckDB's
 * `read_json`: only what the store still has to do (evolve the schema, queue the bytes) is left.
 */
export interface EncodedBatch {
  /** Records that passed flattening and the time window (the store is not called without any). */
  rowCount: number;
  successful: number;
  /** Records rejected by flattening, the time window or a failed cast. */
  failed: number;
  /** OpenObserve's message for the last failure; a cast failure wins over a window one. */
  lastError: string | undefined;
  minTimestampUs: number;
  maxTimestampUs: number;
  fields: FieldKinds[];
  /** The column type each of `fields` was encoded for; the store re-encodes if its schema differs. */
  types: ColumnType[];
  /**
   * One JSON object per successful record, each line ending in `\n`. A string, not bytes: a
   * worker posts a string with one copy, cheaper than encoding it to UTF-8 first.
   */
  ndjson: string;
  /** Longest line in UTF-16 units, to size DuckDB's `maximum_object_size`. */
  longestLine: number;
  /**
   * A load file holding the request body itself, a JSON array of exactly the successful records,
   * each already flat and typed as its columns want it: it is loaded as it is, and `ndjson` is
   * empty. Writing the body again as NDJSON was a third of a worker's time per record.
   */
  rawFile: string | undefined;
}
