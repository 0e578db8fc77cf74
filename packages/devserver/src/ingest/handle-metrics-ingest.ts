import { normalizeStreamName } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { type FlatRecord, flattenRecord, RecordTooDeepError } from './flatten-record.js';
import { ingestionResponse, type StreamStatus, streamStatus } from './ingestion-response.js';
import { parseJsonBody } from './parse-ingest-body.js';
import { readBodyText } from './read-json-request.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

const METRIC_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary']);
// Labels are flattened like log fields, nested objects joined with `_`, at any depth.
const LABEL_FLATTEN_LEVEL = 0;

/**
 * `POST /api/{org}/ingest/metrics/_json`: one record per sample. `__name__` picks the stream,
 * `value` must be a number, every other key is a label stored as text. Unlike logs, one bad
 * record fails the whole request with 400, and no time window applies.
 */
export async function handleMetricsIngest(
  context: ServerContext,
  info: RequestInfo,
  org: string,
): Promise<void> {
  const records = parseJsonBody(await readBodyText(context, info));
  const byStream = new Map<string, Record<string, unknown>[]>();
  for (const record of records) {
    const sample = toSample(record, context.fieldName);
    const list = byStream.get(sample.__name__ as string) ?? [];
    list.push(sample);
    byStream.set(sample.__name__ as string, list);
  }
  const window = createIngestWindow(
    Date.now(),
    context.options.allowedPastMs,
    context.options.allowedFutureMs,
  );
  const status: StreamStatus[] = [];
  for (const [stream, samples] of byStream) {
    const encode = (columns: ColumnList) =>
      encodeRecords(
        samples,
        { flattenLevel: 0, window, fieldName: (k) => k, ignoreWindow: true, stream },
        columns,
      );
    const batch = encode(context.store.columnsOf(org, 'metrics', stream));
    const written =
      batch.rowCount > 0 ? await context.store.write(org, 'metrics', stream, batch, encode) : batch;
    status.push(streamStatus(stream, written.successful, written.failed, written.lastError));
  }
  sendJson(info.response, 200, ingestionResponse(status));
}

function toSample(record: unknown, fieldName: (key: string) => string): Record<string, unknown> {
  let flat: FlatRecord | undefined;
  try {
    flat = flattenRecord(record, LABEL_FLATTEN_LEVEL, fieldName);
  } catch (error) {
    if (error instanceof RecordTooDeepError) throw new HttpError(400, `Error# ${error.message}`);
    throw error;
  }
  if (!flat) throw new HttpError(400, 'Error# metric record must be an object');
  const { __name__: name, __type__: type, value, _timestamp: timestamp, ...labels } = flat;
  if (typeof name !== 'string' || name === '') throw new HttpError(400, 'missing __name__');
  if (value === undefined) throw new HttpError(400, 'missing value');
  if (typeof value !== 'number')
    throw new HttpError(400, `value must be a number, got ${JSON.stringify(value)}`);
  if (timestamp !== undefined && typeof timestamp !== 'number')
    throw new HttpError(400, '_timestamp must be a number');
  const metricType = type === undefined ? 'gauge' : String(type).toLowerCase();
  if (!METRIC_TYPES.has(metricType)) throw new HttpError(400, `invalid __type__: ${String(type)}`);
  const stream = normalizeStreamName(name);
  // As `_json` answers for a stream name that normalises to nothing.
  if (stream === '' || stream === '_') throw new HttpError(400, `Invalid stream name: ${name}`);
  const sample: Record<string, unknown> = {};
  const sortedLabels = Object.keys(labels).sort();
  for (const key of sortedLabels) sample[key] = String(labels[key]);
  sample.__hash__ = labelHash(
    stream,
    sortedLabels.map((k) => `${k}=${sample[k]}`),
  );
  sample.__name__ = stream;
  sample.__type__ = metricType;
  sample.value = value;
  if (timestamp !== undefined) sample._timestamp = timestamp;
  return sample;
}

/** A stable series id (FNV-1a 64) over the name and sorted labels; OpenObserve's differs. */
function labelHash(name: string, labels: string[]): string {
  let hash = 0xcbf29ce484222325n;
  for (const ch of `${name}{${labels.join(',')}}`) {
    hash ^= BigInt(ch.codePointAt(0)!);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString();
}
