import { decodeBody } from '../http/decode-body.js';
import { readRequestBody } from '../http/read-request-body.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { type BulkOperation, parseBulkBody } from './parse-bulk-body.js';
import {
  CANNOT_PARSE_TIMESTAMP,
  createIngestWindow,
  resolveRecordTimestamp,
} from './resolve-record-timestamp.js';

const TS_PARSE_FAILED = 'timestamp_parsing_failed';
const SCHEMA_CONFORMANCE_FAILED = 'schema_conformance_failed';

/**
 * `POST /api/{org}/_bulk`: Elasticsearch's bulk API, which Fluent Bit, Vector, Logstash and
 * Elasticsearch clients speak. Answers as OpenObserve's `BulkResponse` (`ingestion_common`):
 * always 200 `{took: 0, errors, items}`, one item per action, `{"<action>": {_index, _id,
 * _version: 1, result: "created", status: 200, _shards, _seq_no: 1, _primary_term: 1}}` or, for
 * a refused one, `{_index, _id, status: 422, error: {type, reason, index_uuid, shard: "1",
 * index}, originalRecord}`. Items come in the order of the actions (OpenObserve groups them by
 * stream). `x-elastic-product: Elasticsearch` lets Elasticsearch clients 8+ accept the answer.
 */
export async function handleBulkIngest(
  context: ServerContext,
  info: RequestInfo,
  org: string,
): Promise<void> {
  const { options } = context;
  const raw = await readRequestBody(info.request, options.payloadLimitBytes);
  // OpenObserve reads bulk lines with `from_utf8_lossy`: bad bytes become U+FFFD.
  const text = decodeBody(raw, info.request.headers['content-encoding'], options.payloadLimitBytes).toString(
    'utf8',
  );
  const operations = parseBulkBody(text);
  const window = createIngestWindow(Date.now(), options.allowedPastMs, options.allowedFutureMs);
  const items: unknown[] = new Array(operations.length);
  const byStream = new Map<string, number[]>();
  operations.forEach((operation, i) => {
    if (operation.refusal !== undefined) {
      items[i] = failedItem(operation, operation.refusal, operation.refusal, operation.actionLine);
      return;
    }
    const record = operation.record!;
    // Checked on the document as sent: `_timestamp` only (`@timestamp` is not read here, and the
    // `_timestamp` added for a document without one wins over it when keys are normalised).
    if (record._timestamp === undefined) record._timestamp = window.nowUs;
    else {
      const ts = resolveRecordTimestamp(record._timestamp, window);
      if (typeof ts === 'string') {
        const reason = ts === CANNOT_PARSE_TIMESTAMP ? TS_PARSE_FAILED : ts;
        items[i] = failedItem(operation, TS_PARSE_FAILED, reason, record);
        return;
      }
    }
    const indexes = byStream.get(operation.stream) ?? [];
    indexes.push(i);
    byStream.set(operation.stream, indexes);
  });
  for (const [stream, indexes] of byStream) {
    await writeStream(context, org, stream, indexes, operations, items, window);
  }
  sendJson(
    info.response,
    200,
    { took: 0, errors: items.some((item) => isFailed(item)), items },
    { 'x-elastic-product': 'Elasticsearch' },
  );
}

async function writeStream(
  context: ServerContext,
  org: string,
  stream: string,
  indexes: number[],
  operations: BulkOperation[],
  items: unknown[],
  window: ReturnType<typeof createIngestWindow>,
): Promise<void> {
  const records = indexes.map((i) => operations[i]!.record!);
  let failures = new Map<number, string>();
  const encode = (columns: ColumnList) => {
    // The store may encode again when the stream's columns changed: only the last run counts.
    failures = new Map();
    const encodeOptions = {
      flattenLevel: context.options.flattenLevel,
      window,
      fieldName: context.fieldName,
      stream,
      onRecordFailed: (index: number, error: string) => failures.set(index, error),
    };
    return encodeRecords(records, encodeOptions, columns);
  };
  const batch = encode(context.store.columnsOf(org, 'logs', stream));
  if (batch.successful > 0) await context.store.write(org, 'logs', stream, batch, encode);
  indexes.forEach((operationIndex, k) => {
    const operation = operations[operationIndex]!;
    const error = failures.get(k);
    items[operationIndex] =
      error === undefined
        ? createdItem(operation)
        : failedItem(operation, SCHEMA_CONFORMANCE_FAILED, error, operation.record);
  });
}

function createdItem({ action, stream, id }: BulkOperation) {
  return {
    [action]: {
      _index: stream,
      _id: id,
      _version: 1,
      result: 'created',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 1,
      _primary_term: 1,
      status: 200,
    },
  };
}

function failedItem({ action, stream, id }: BulkOperation, type: string, reason: string, original: unknown) {
  return {
    [action]: {
      _index: stream,
      _id: id,
      status: 422,
      error: { type, reason, index_uuid: '0', shard: '1', index: stream },
      originalRecord: original,
    },
  };
}

function isFailed(item: unknown): boolean {
  const [entry] = Object.values(item as Record<string, { status: number }>);
  return entry !== undefined && entry.status !== 200;
}
