import { isStreamType, type StreamType } from '../streams/stream-type.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { StreamNotFoundError } from './search-sql-errors.js';
import { walkSqlTree } from './walk-sql-tree.js';

/** A stream the query reads, and the CTE that now stands for it. */
export interface StreamInQuery<S> {
  /** What `resolve` answered for it. */
  stream: S;
  /** The name of the CTE that reads it within the time range (`zo_stream_0`, …). */
  cteName: string;
}

export interface StreamReferences<S> {
  streams: Array<StreamInQuery<S>>;
  /** How many table references read a stream (a stream read twice counts twice). */
  referenceCount: number;
}

/**
 * Finds every stream a query reads, in DuckDB's parse tree, and points each reference at a CTE
 * that the caller makes read the stream within the time range: `FROM "logs"."app" a` becomes
 * `FROM zo_stream_0 AS a`, `FROM app` becomes `FROM zo_stream_0 AS app` (so `app.x` still
 * binds); a stream read twice, or as `app` and `"logs"."app"`, has one CTE. A table is a stream when it is no CTE in scope there, as DataFusion's
 * `resolve_table_references` decides for OpenObserve; `"logs"`, `"metrics"` or `"traces"` may
 * prefix it. Names are looked up lowercased: OpenObserve lowercases unquoted names, and stream
 * names are lowercase. Other qualified names and table functions (`range(3)`, which OpenObserve
 * also takes for a stream name) are no streams: `StreamNotFoundError`.
 */
export function resolveStreamReferences<S>(
  node: JsonObject,
  resolve: (name: string, type: StreamType | undefined) => S | undefined,
): StreamReferences<S> {
  const byStream = new Map<S, StreamInQuery<S>>();
  const prefix = unusedPrefix(node);
  let referenceCount = 0;
  walkSqlTree(node, {
    tableRef(ref, visible) {
      if (ref.type === 'TABLE_FUNCTION') {
        const fn = isJsonObject(ref.function) ? ref.function : {};
        throw new StreamNotFoundError(String(fn.function_name ?? ''));
      }
      if (ref.type !== 'BASE_TABLE') return;
      const written = String(ref.table_name ?? '');
      const schema = String(ref.schema_name ?? '');
      const catalog = String(ref.catalog_name ?? '');
      if (schema === '' && catalog === '' && visible.has(written.toLowerCase())) return;
      if (catalog !== '' || (schema !== '' && !isStreamType(schema))) {
        throw new StreamNotFoundError([catalog, schema, written].filter(Boolean).join('.'));
      }
      const name = written.toLowerCase();
      const stream = resolve(name, schema === '' ? undefined : (schema as StreamType));
      if (stream === undefined) throw new StreamNotFoundError(name);
      let found = byStream.get(stream);
      if (!found) {
        found = { stream, cteName: `${prefix}${byStream.size}` };
        byStream.set(stream, found);
      }
      referenceCount++;
      ref.alias = ref.alias || written;
      ref.table_name = found.cteName;
      ref.schema_name = '';
    },
  });
  return { streams: [...byStream.values()], referenceCount };
}

/** `zo_stream_`, or a longer prefix that no name in the query starts with, so no CTE shadows ours. */
function unusedPrefix(node: JsonObject): string {
  const text = JSON.stringify(node).toLowerCase();
  let prefix = 'zo_stream_';
  while (text.includes(prefix)) prefix = `zo${prefix}`;
  return prefix;
}
