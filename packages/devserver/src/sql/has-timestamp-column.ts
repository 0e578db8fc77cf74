import { isJsonObject } from './json-object.js';

/**
 * Whether a SELECT (the `node` of a `json_serialize_sql` statement) already gives `_timestamp`
 * the way OpenObserve's `AddTimestampVisitor` (`src/service/search/sql/rewriter/add_timestamp.rs`)
 * sees it: a wildcard, or an item whose expression reads `_timestamp` anywhere (`_timestamp`,
 * `histogram(_timestamp) AS k`, `_timestamp AS t`, `_timestamp + 1`). The alias does not count:
 * `SELECT user_id AS _timestamp` does not read the field.
 *
 * DuckDB binds names case-insensitively and allows `s._timestamp`, so any casing and a qualified
 * reference count too; OpenObserve's visitor compares the bare identifier's exact text.
 */
export function hasTimestampColumn(node: unknown): boolean {
  if (!isJsonObject(node) || !Array.isArray(node.select_list)) return false;
  return node.select_list.some(
    (item) => isJsonObject(item) && (item.class === 'STAR' || readsTimestamp(item)),
  );
}

const TIMESTAMP_COLUMN = '_timestamp';

function readsTimestamp(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(readsTimestamp);
  if (!isJsonObject(value)) return false;
  if (value.class === 'COLUMN_REF' && Array.isArray(value.column_names)) {
    const name = value.column_names.at(-1);
    return typeof name === 'string' && name.toLowerCase() === TIMESTAMP_COLUMN;
  }
  return Object.values(value).some(readsTimestamp);
}
