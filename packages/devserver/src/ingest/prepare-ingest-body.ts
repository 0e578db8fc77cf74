import { createFieldNameCache } from '@shoptel/core';
import { decodeBody } from '../http/decode-body.js';
import { HttpError } from '../http/http-error.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList, EncodedBatch } from './encoded-batch.js';
import { parseJsonBody, parseNdjsonBody } from './parse-ingest-body.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

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
  /** The stream's columns when the request arrived; the store re-encodes if they changed since. */
  columns: ColumnList;
}

export type PrepareOutcome =
  | { ok: true; batch: EncodedBatch }
  | { ok: false; status: number; message: string; plain: boolean; headers?: Record<string, string> };

const fieldName = createFieldNameCache();

/** Decompress, parse, flatten, check and encode one ingestion body: everything before the store. */
export function prepareIngestBody(job: PrepareJob): PrepareOutcome {
  try {
    const text = decodeBody(job.body, job.contentEncoding, job.payloadLimitBytes).toString('utf8');
    const records = job.format === 'json' ? parseJsonBody(text) : parseNdjsonBody(text);
    const window = createIngestWindow(job.nowMs, job.allowedPastMs, job.allowedFutureMs);
    const options = { flattenLevel: job.flattenLevel, window, fieldName };
    return { ok: true, batch: encodeRecords(records, options, job.columns) };
  } catch (error) {
    if (error instanceof HttpError) {
      return {
        ok: false,
        status: error.status,
        message: error.message,
        plain: error.options.plain ?? false,
        ...(error.options.headers ? { headers: error.options.headers } : {}),
      };
    }
    return { ok: false, status: 500, message: `Error# ${(error as Error).message}`, plain: false };
  }
}
