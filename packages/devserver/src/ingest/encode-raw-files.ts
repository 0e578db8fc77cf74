import { readFile } from 'node:fs/promises';
import { createFieldNameCache } from '@shoptel/core';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { parseJsonBody } from './parse-ingest-body.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

/**
 * Encodes again, as NDJSON lines, bodies that were to be loaded as written but that DuckDB
 * refused (a key twice in one object, which JSON.parse quietly resolved to the last value). Every
 * record was accepted already: flat, with its `_timestamp` in µs inside the window then and each
 * value of its column's kind, so none can fail now; the window is not checked again.
 */
export async function encodeRawFiles(
  files: readonly string[],
  columns: ColumnList,
): Promise<{ ndjson: string; longestLine: number }> {
  const options = {
    flattenLevel: 0,
    window: createIngestWindow(Date.now(), 0, 0),
    fieldName: createFieldNameCache(),
    ignoreWindow: true,
  };
  let ndjson = '';
  let longestLine = 0;
  for (const file of files) {
    const batch = encodeRecords(parseJsonBody(await readFile(file, 'utf8')), options, columns);
    ndjson += batch.ndjson;
    longestLine = Math.max(longestLine, batch.longestLine);
  }
  return { ndjson, longestLine };
}
