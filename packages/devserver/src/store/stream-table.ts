import { defaultStreamSettings, type StreamSettings } from '../streams/stream-settings.js';
import { isStreamType, type StreamType } from '../streams/stream-type.js';
import type { ColumnType } from './column-type.js';

/** What the server keeps in memory about one stream, so no request has to ask DuckDB. */
export interface StreamTable {
  org: string;
  type: StreamType;
  name: string;
  /** DuckDB table name: `org/type/stream`, org and stream encoded (see `tableNameFor`; always quoted in SQL). */
  table: string;
  exists: boolean;
  /** Column name → type, in table order (`_timestamp` first). */
  columns: Map<string, ColumnType>;
  docNum: number;
  minTimestampUs: number;
  maxTimestampUs: number;
  createdAtUs: number;
  /** Set through the stream-settings API; kept in memory only (a restart forgets them). */
  settings: StreamSettings;
  /** Tail of this table's write queue: writes to one table run one at a time. */
  queue: Promise<unknown>;
}

/**
 * The DuckDB table name for a stream: `org/type/stream` with org and stream encoded by
 * `encodeTableNamePart`. DuckDB compares table names case-insensitively while orgs are
 * case-sensitive (`default` and `DEFAULT` are two orgs), so every character that has a case
 * or could be confused with the separator is escaped: two streams never share a table, and the
 * name reads back with `parseTableName`. Lowercase names are unchanged (`default/logs/app`).
 */
export function tableNameFor(org: string, type: StreamType, stream: string): string {
  return `${encodeTableNamePart(org)}/${type}/${encodeTableNamePart(stream)}`;
}

// Characters kept as they are: none has an uppercase form, none is `/` or `%`.
const PLAIN = /^[a-z0-9_.:-]$/;
const ENCODED_PART = /^(?:[a-z0-9_.:-]|%[0-9A-F]{2})+$/;

/**
 * Percent-encodes (UTF-8, uppercase hex) every character but `a-z 0-9 _ . : -`. The result
 * differs from any other part's result even ignoring case: only hex digits after `%` are
 * uppercase, and their places do not change with case.
 */
export function encodeTableNamePart(part: string): string {
  let out = '';
  for (const char of part) {
    if (PLAIN.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The stream a table name written by `tableNameFor` holds, or undefined for any other name
 * (including tables of older devservers that kept an uppercase org as written).
 */
export function parseTableName(table: string): { org: string; type: StreamType; stream: string } | undefined {
  const parts = table.split('/');
  if (parts.length !== 3) return undefined;
  const [orgPart, type, streamPart] = parts as [string, string, string];
  if (!isStreamType(type)) return undefined;
  const org = decodeTableNamePart(orgPart);
  const stream = decodeTableNamePart(streamPart);
  if (org === undefined || stream === undefined) return undefined;
  return { org, type, stream };
}

function decodeTableNamePart(part: string): string | undefined {
  if (!ENCODED_PART.test(part)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return undefined;
  }
  // Only the canonical encoding: `%61` for `a` would be a second name for the same part.
  return encodeTableNamePart(decoded) === part ? decoded : undefined;
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
    settings: defaultStreamSettings(),
    queue: Promise.resolve(),
  };
}
