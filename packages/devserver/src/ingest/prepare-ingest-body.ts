import { isAscii, isUtf8 } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { createFieldNameCache } from '@shoptel/core';
import { decodeBody } from '../http/decode-body.js';
import { HttpError } from '../http/http-error.js';
import { encodeRecords, NUMBER_OUT_OF_RANGE } from './encode-records.js';
import type { ColumnList, EncodedBatch } from './encoded-batch.js';
import { isLoadableAsWritten } from './is-loadable-as-written.js';
import { parseJsonBody, parseNdjsonBody } from './parse-ingest-body.js';
import { createIngestWindow, type IngestWindowUs } from './resolve-record-timestamp.js';
import { scanFlatJsonArray } from './scan-flat-json-array.js';

/** A `_json`/`_multi` body to prepare, as sent to an ingest worker. */
export interface PrepareJob {
  body: Uint8Array;
  contentEncoding: string | undefined;
  format: 'json' | 'ndjson';
  payloadLimitBytes: number;
  flattenLevel: number;
  nowMs: number;
  allowedPastMs: number;
  allowedFutureMs: number;
  /** The normalised stream name (for messages). */
  stream: string;
  /** The stream's columns when the request arrived; the store re-encodes if they changed since. */
  columns: ColumnList;
  /** The store's load directory, where a body that needs no encoding is written as it is. */
  loadDirectory: string;
}

export type PrepareOutcome =
  | { ok: true; batch: EncodedBatch }
  | { ok: false; status: number; message: string; plain: boolean; headers?: Record<string, string> };

const fieldName = createFieldNameCache();
let rawFiles = 0;

/** Decompress, parse, flatten, check and encode one ingestion body: everything before the store. */
export async function prepareIngestBody(job: PrepareJob): Promise<PrepareOutcome> {
  try {
    const body = decodeBody(job.body, job.contentEncoding, job.payloadLimitBytes);
    // Latin-1 copies ASCII bytes straight into a one-byte string, where UTF-8 decodes them; the
    // UTF-8 check is native and only runs for bodies that are not ASCII.
    const ascii = isAscii(body);
    if (!ascii && !isUtf8(body)) throw invalidUtf8(job.format);
    const window = createIngestWindow(job.nowMs, job.allowedPastMs, job.allowedFutureMs);
    // The thread id keeps workers' names apart; nothing a client sent reaches the path.
    const rawFile =
      job.format === 'json' && isLoadableAsWritten(body)
        ? join(job.loadDirectory, `body-${threadId}-${++rawFiles}.json`)
        : undefined;
    const scanned = rawFile === undefined ? undefined : scanFlatJsonArray(body, window, job.columns, rawFile);
    const batch = scanned ?? encodeParsed(body.toString(ascii ? 'latin1' : 'utf8'), job, window, rawFile);
    // Written asynchronously, so that the thread parses the next body meanwhile.
    if (batch.rawFile) await writeFile(batch.rawFile, body);
    return { ok: true, batch };
  } catch (error) {
    if (error instanceof HttpError) {
      const outOfRange = job.format === 'ndjson' && error.message.endsWith(NUMBER_OUT_OF_RANGE);
      return {
        ok: false,
        status: error.status,
        message: outOfRange ? `Error# Failed processing: ${NUMBER_OUT_OF_RANGE}` : error.message,
        plain: error.options.plain ?? false,
        ...(error.options.headers ? { headers: error.options.headers } : {}),
      };
    }
    return { ok: false, status: 500, message: `Error# ${(error as Error).message}`, plain: false };
  }
}

/** The full path: parse, flatten, check and encode (or name `rawFile` if the records allow it). */
function encodeParsed(
  text: string,
  job: PrepareJob,
  window: IngestWindowUs,
  rawFile: string | undefined,
): EncodedBatch {
  const records = job.format === 'json' ? parseJsonBody(text) : parseNdjsonBody(text);
  const options = {
    flattenLevel: job.flattenLevel,
    window,
    fieldName,
    stream: job.stream,
    ...(rawFile !== undefined ? { rawFile } : {}),
  };
  return encodeRecords(records, options, job.columns);
}

/** serde_json's answer to bytes that are not UTF-8 (OpenObserve reads bodies with `from_slice`). */
function invalidUtf8(format: 'json' | 'ndjson'): HttpError {
  const message = 'invalid unicode code point';
  return new HttpError(
    400,
    format === 'json' ? `SerdeJsonError# ${message}` : `Error# Failed processing: ${message}`,
  );
}
