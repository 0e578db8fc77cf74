import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import type { StreamTable } from '../store/stream-table.js';
import { isStreamType, type StreamType } from './stream-type.js';

const ARROW_TYPE: Record<string, string> = {
  VARCHAR: 'Utf8',
  BIGINT: 'Int64',
  DOUBLE: 'Float64',
  BOOLEAN: 'Boolean',
};

/** OpenObserve's stream object, with stats from memory (`storage_size` is not measured). */
function describeStream(table: StreamTable, withSchema: boolean) {
  return {
    name: table.name,
    storage_type: 'disk',
    stream_type: table.type,
    stats: {
      created_at: table.createdAtUs,
      doc_time_min: table.minTimestampUs,
      doc_time_max: table.maxTimestampUs,
      doc_num: table.docNum,
      file_num: 0,
      storage_size: 0,
      compressed_size: 0,
      index_size: 0,
    },
    schema: withSchema
      ? [...table.columns].map(([name, type]) => ({ name, type: ARROW_TYPE[type] ?? 'Utf8' }))
      : [],
    settings: table.settings,
    total_fields: table.columns.size,
  };
}

function streamType(info: RequestInfo): StreamType | undefined {
  const type = info.url.searchParams.get('type');
  if (type === null || type === '') return undefined;
  if (!isStreamType(type)) throw new HttpError(400, `Invalid stream type: ${type}`);
  return type;
}

/** `GET /api/{org}/streams[?type=logs&fetchSchema=true]`. */
export function handleListStreams(context: ServerContext, info: RequestInfo, org: string): void {
  const withSchema = info.url.searchParams.get('fetchSchema') === 'true';
  const list = context.store
    .list(org, streamType(info))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => describeStream(t, withSchema));
  sendJson(info.response, 200, { list });
}

/** `GET /api/{org}/streams/{stream}/schema[?type=logs]`. */
export function handleStreamSchema(
  context: ServerContext,
  info: RequestInfo,
  org: string,
  stream: string,
): void {
  const table = context.store.get(org, streamType(info) ?? 'logs', stream);
  if (!table) throw new HttpError(404, `stream ${stream} not found`);
  sendJson(info.response, 200, describeStream(table, true));
}
