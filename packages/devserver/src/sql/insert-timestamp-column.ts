import { isKeyword, isSignificant, tokenizeSql } from './tokenize-sql.js';

const TIMESTAMP_ITEM = '"_timestamp", ';

/**
 * Makes `_timestamp` the first item of a simple query's SELECT list, as OpenObserve's
 * `AddTimestampVisitor` does (`SELECT name, age FROM users` → `SELECT _timestamp, name, age FROM
 * users`). A simple query (`isSimpleQuery`) has one SELECT, so the item goes right after the first
 * `SELECT` keyword (and its `ALL`, if written); DuckDB's `FROM s SELECT a` works the same way.
 */
export function insertTimestampColumn(sql: string): string {
  const tokens = tokenizeSql(sql).filter(isSignificant);
  const select = tokens.findIndex((token) => isKeyword(token, 'select'));
  if (select === -1) return sql;
  const afterSelect = tokens[select + 1];
  const first = isKeyword(afterSelect, 'all') ? tokens[select + 2] : afterSelect;
  if (first === undefined) return sql;
  return `${sql.slice(0, first.start)}${TIMESTAMP_ITEM}${sql.slice(first.start)}`;
}
