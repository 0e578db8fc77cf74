import type { StreamType } from '../sql/analyze-search-sql.js';
import type { ColumnType } from './column-type.js';

/** What the server keeps in memory about one stream, so no request has to ask DuckDB. */
export interface StreamTable {
  org: string;
  type: StreamType;
  name: string;
  /** DuckDB table name: `org/type/stream` (always quoted in SQL). */
  table: string;
  exists: boolean;
  /** Column name → type, in table order (`_timestamp` first). */
  columns: Map<string, ColumnType>;
  docNum: number;
  minTimestampUs: number;
  maxTimestampUs: number;
  createdAtUs: number;
  /** Tail of this table's write queue: writes to one table run one at a time. */
  queue: Promise<unknown>;
}

/** The DuckDB table name for a stream; `/` cannot occur in an org path segment or stream name. */
export function tableNameFor(org: string, type: StreamType, stream: string): string {
  return `${org}/${type}/${stream}`;
}

export function createStreamTable(org: string, type: StreamType, name: string): StreamTable {
  return {
    org,
    type,
    name,
    table: tableNameFor(org, type, name),
    exists: false,
    columns: new Map(),
    docNum: 0,
    minTimestampUs: 0,
    maxTimestampUs: 0,
    createdAtUs: Date.now() * 1000,
    queue: Promise.resolve(),
  };
}
